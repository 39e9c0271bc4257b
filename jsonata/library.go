package jsonata

import "fmt"

// library holds the standard functions of JSONata 2.0.6 by name. It is
// built once, when the package is initialised, and only read afterwards.
var library map[string]*builtin

func init() {
	library = buildLibrary()
}

// def describes one library function: its signature, the arity
// higher-order functions see (jsonata-js's Function.length, which leaves
// out parameters with defaults), and the parameters a partial application
// fills in (the declared ones; jsonata-js counts one for a function that
// declares none).
type def struct {
	name    string
	sig     string
	length  int
	nparams int
	fn      builtinFunc
}

func buildLibrary() map[string]*builtin {
	defs := []def{
		{"sum", "<a<n>:n>", 1, 1, fnSum},
		{"count", "<a:n>", 1, 1, fnCount},
		{"max", "<a<n>:n>", 1, 1, fnMax},
		{"min", "<a<n>:n>", 1, 1, fnMin},
		{"average", "<a<n>:n>", 1, 1, fnAverage},
		{"string", "<x-b?:s>", 1, 2, fnString},
		{"substring", "<s-nn?:s>", 3, 3, fnSubstring},
		{"substringBefore", "<s-s:s>", 2, 2, fnSubstringBefore},
		{"substringAfter", "<s-s:s>", 2, 2, fnSubstringAfter},
		{"lowercase", "<s-:s>", 1, 1, fnLowercase},
		{"uppercase", "<s-:s>", 1, 1, fnUppercase},
		{"length", "<s-:n>", 1, 1, fnLength},
		{"trim", "<s-:s>", 1, 1, fnTrim},
		{"pad", "<s-ns?:s>", 3, 3, fnPad},
		{"match", "<s-f<s:o>n?:a<o>>", 3, 3, fnMatch},
		{"contains", "<s-(sf):b>", 2, 2, fnContains},
		{"replace", "<s-(sf)(sf)n?:s>", 4, 4, fnReplace},
		{"split", "<s-(sf)n?:a<s>>", 3, 3, fnSplit},
		{"join", "<a<s>s?:s>", 2, 2, fnJoin},
		{"number", "<(nsb)-:n>", 1, 1, fnNumber},
		{"floor", "<n-:n>", 1, 1, fnFloor},
		{"ceil", "<n-:n>", 1, 1, fnCeil},
		{"round", "<n-n?:n>", 2, 2, fnRound},
		{"abs", "<n-:n>", 1, 1, fnAbs},
		{"sqrt", "<n-:n>", 1, 1, fnSqrt},
		{"power", "<n-n:n>", 2, 2, fnPower},
		{"random", "<:n>", 0, 1, fnRandom},
		{"boolean", "<x-:b>", 1, 1, fnBoolean},
		{"not", "<x-:b>", 1, 1, fnNot},
		{"map", "<af>", 2, 2, fnMap},
		{"zip", "<a+>", 0, 1, fnZip},
		{"filter", "<af>", 2, 2, fnFilter},
		{"single", "<af?>", 2, 2, fnSingle},
		{"reduce", "<afj?:j>", 3, 3, fnReduce},
		{"sift", "<o-f?:o>", 2, 2, fnSift},
		{"keys", "<x-:a<s>>", 1, 1, fnKeys},
		{"lookup", "<x-s:x>", 2, 2, fnLookup},
		{"append", "<xx:a>", 2, 2, fnAppend},
		{"exists", "<x:b>", 1, 1, fnExists},
		{"spread", "<x-:a<o>>", 1, 1, fnSpread},
		{"merge", "<a<o>:o>", 1, 1, fnMerge},
		{"reverse", "<a:a>", 1, 1, fnReverse},
		{"each", "<o-f:a>", 2, 2, fnEach},
		{"error", "<s?:x>", 1, 1, fnError},
		{"assert", "<bs?:x>", 2, 2, fnAssert},
		{"type", "<x:s>", 1, 1, fnType},
		{"sort", "<af?:a>", 2, 2, fnSort},
		{"shuffle", "<a:a>", 1, 1, fnShuffle},
		{"distinct", "<x:x>", 1, 1, fnDistinct},
		{"base64encode", "<s-:s>", 1, 1, fnBase64Encode},
		{"base64decode", "<s-:s>", 1, 1, fnBase64Decode},
		{"encodeUrlComponent", "<s-:s>", 1, 1, fnEncodeURLComponent},
		{"encodeUrl", "<s-:s>", 1, 1, fnEncodeURL},
		{"decodeUrlComponent", "<s-:s>", 1, 1, fnDecodeURLComponent},
		{"decodeUrl", "<s-:s>", 1, 1, fnDecodeURL},
		{"eval", "<sx?:x>", 2, 2, fnEval},
		{"clone", "<(oa)-:o>", 1, 1, fnClone},
		{"millis", "<:n>", 0, 1, fnMillis},
	}
	defs = append(defs, formattingDefs()...)
	lib := make(map[string]*builtin, len(defs))
	for _, d := range defs {
		sig, err := parseSignature(d.sig)
		if err != nil {
			panic(fmt.Sprintf("jsonata: bad signature %s of $%s: %v", d.sig, d.name, err.finish()))
		}
		lib[d.name] = &builtin{name: d.name, sig: sig, length: d.length, nparams: d.nparams, fn: d.fn, library: true, async: asyncNatives[d.name]}
	}
	return lib
}

// hofArgs builds the arguments a higher-order function passes to its
// function argument: the value, and the position and the whole collection
// when the function takes them.
func hofArgs(f Value, v, pos, whole Value) []Value {
	n := arity(f)
	args := make([]Value, 1, 3)
	args[0] = v
	if n >= 2 {
		args = append(args, pos)
	}
	if n >= 3 {
		args = append(args, whole)
	}
	return args
}

// asyncNatives are the library functions that are asynchronous in
// jsonata-js (see evaluator.vt).
var asyncNatives = map[string]bool{
	"contains": true, "match": true, "replace": true, "split": true, "map": true, "filter": true,
	"single": true, "reduce": true, "each": true, "sort": true, "sift": true, "eval": true,
}

// callFn calls a function argument of a library function.
func (ev *evaluator) callFn(cc callCtx, f Value, args []Value) (Value, error) {
	r, err := ev.apply(unwrap(f), args, nil, cc.env, "")
	ev.vt += 2 // the wrapper jsonata-js puts around function arguments, and its await
	return r, err
}
