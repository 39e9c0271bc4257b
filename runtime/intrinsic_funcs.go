package aslrt

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// What the recorded AWS runs show, and what they do not:
//
//   - Results of valid calls follow the corpus: Format's Java-style
//     rendering of objects and arrays, StringToJson of blank text, MathAdd's
//     half-up rounding, StringSplit's character sets, ArrayRange's inclusive
//     end, the Hash digests, MathRandom accepting fractional bounds.
//   - No recorded run fails an intrinsic call. Failures use the names of the
//     CHECKLIST (A5.6, A5.7): States.Runtime when a path argument selects
//     nothing, with the cause AWS gives for template paths; and
//     States.IntrinsicFailure for arguments a function cannot use, with a
//     cause of this runtime's own, "Invalid arguments in <function>: ...".
//   - The number of arguments is checked when the call is parsed, so a
//     definition with a wrong count is refused rather than failing at run
//     time.
//   - MathRandom's end is taken as included, and its bounds are truncated
//     to integers (unverified); with a seed it returns what
//     java.util.Random(seed).nextInt(end-start+1)+start returns, so seeded
//     calls are repeatable.

type intrinsicFunc struct {
	name             string
	minArgs, maxArgs int // maxArgs < 0: no limit
	returnsString    bool
	id               intrinsicID
}

type intrinsicID uint8

const (
	idFormat intrinsicID = iota
	idStringToJSON
	idJSONToString
	idArray
	idArrayPartition
	idArrayContains
	idArrayRange
	idArrayGetItem
	idArrayLength
	idArrayUnique
	idBase64Encode
	idBase64Decode
	idHash
	idJSONMerge
	idMathRandom
	idMathAdd
	idStringSplit
	idUUID
)

// call runs the function. A switch rather than a function value lets the
// argument slice stay on the caller's stack.
func (f *intrinsicFunc) call(c *Intrinsic, args []Value, s Scope) (Value, error) {
	switch f.id {
	case idFormat:
		return fnFormat(c, args, s)
	case idStringToJSON:
		return fnStringToJSON(c, args, s)
	case idJSONToString:
		return fnJSONToString(c, args, s)
	case idArray:
		return fnArray(c, args, s)
	case idArrayPartition:
		return fnArrayPartition(c, args, s)
	case idArrayContains:
		return fnArrayContains(c, args, s)
	case idArrayRange:
		return fnArrayRange(c, args, s)
	case idArrayGetItem:
		return fnArrayGetItem(c, args, s)
	case idArrayLength:
		return fnArrayLength(c, args, s)
	case idArrayUnique:
		return fnArrayUnique(c, args, s)
	case idBase64Encode:
		return fnBase64Encode(c, args, s)
	case idBase64Decode:
		return fnBase64Decode(c, args, s)
	case idHash:
		return fnHash(c, args, s)
	case idJSONMerge:
		return fnJSONMerge(c, args, s)
	case idMathRandom:
		return fnMathRandom(c, args, s)
	case idMathAdd:
		return fnMathAdd(c, args, s)
	case idStringSplit:
		return fnStringSplit(c, args, s)
	case idUUID:
		return fnUUID(c, args, s)
	}
	return nil, intrinsicFailure(c, "not implemented")
}

func (f *intrinsicFunc) arity() string {
	switch {
	case f.maxArgs < 0:
		return "takes at least " + plural(f.minArgs, "argument")
	case f.minArgs == f.maxArgs:
		return "takes " + plural(f.minArgs, "argument")
	}
	return "takes " + strconv.Itoa(f.minArgs) + " to " + plural(f.maxArgs, "argument")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// intrinsicFuncs are the 18 functions of A5.2. The table is never modified.
var intrinsicFuncs = [...]intrinsicFunc{
	{"States.Format", 1, -1, true, idFormat},
	{"States.StringToJson", 1, 1, false, idStringToJSON},
	{"States.JsonToString", 1, 1, true, idJSONToString},
	{"States.Array", 0, -1, false, idArray},
	{"States.ArrayPartition", 2, 2, false, idArrayPartition},
	{"States.ArrayContains", 2, 2, false, idArrayContains},
	{"States.ArrayRange", 3, 3, false, idArrayRange},
	{"States.ArrayGetItem", 2, 2, true, idArrayGetItem},
	{"States.ArrayLength", 1, 1, false, idArrayLength},
	{"States.ArrayUnique", 1, 1, false, idArrayUnique},
	{"States.Base64Encode", 1, 1, true, idBase64Encode},
	{"States.Base64Decode", 1, 1, true, idBase64Decode},
	{"States.Hash", 2, 2, true, idHash},
	{"States.JsonMerge", 3, 3, false, idJSONMerge},
	{"States.MathRandom", 2, 3, false, idMathRandom},
	{"States.MathAdd", 2, 2, false, idMathAdd},
	{"States.StringSplit", 2, 2, false, idStringSplit},
	{"States.UUID", 0, 0, true, idUUID},
}

func lookupIntrinsic(name string) *intrinsicFunc {
	for i := range intrinsicFuncs {
		if intrinsicFuncs[i].name == name {
			return &intrinsicFuncs[i]
		}
	}
	return nil
}

// IntrinsicNames returns the names of the 18 intrinsic functions.
func IntrinsicNames() []string {
	names := make([]string, len(intrinsicFuncs))
	for i := range intrinsicFuncs {
		names[i] = intrinsicFuncs[i].name
	}
	return names
}

// Limits of A19.5.
const (
	maxArrayRange   = 1000
	maxEncodeLength = 10000
)

func argType(c *Intrinsic, args []Value, i int, want string) *Error {
	return intrinsicFailure(c, "argument %d must be %s, but was %s", i+1, want, TypeName(args[i]))
}

func stringArg(c *Intrinsic, args []Value, i int) (string, *Error) {
	s, ok := args[i].(string)
	if !ok {
		return "", argType(c, args, i, "a string")
	}
	return s, nil
}

func arrayArg(c *Intrinsic, args []Value, i int) ([]Value, *Error) {
	a, ok := args[i].([]Value)
	if !ok {
		return nil, argType(c, args, i, "an array")
	}
	return a, nil
}

func objectArg(c *Intrinsic, args []Value, i int) (*Object, *Error) {
	o, ok := args[i].(*Object)
	if !ok {
		return nil, argType(c, args, i, "an object")
	}
	return o, nil
}

// intArg returns an integral number argument (1 and 1.0 alike).
func intArg(c *Intrinsic, args []Value, i int) (int64, *Error) {
	if !IsNumber(args[i]) {
		return 0, argType(c, args, i, "an integer")
	}
	n, ok := Int(args[i])
	if !ok {
		return 0, intrinsicFailure(c, "argument %d must be an integer, but was %s", i+1, FormatNumber(args[i]))
	}
	return n, nil
}

// fnFormat replaces each {} of the template with the next argument (A5.8,
// A5.9). In a quoted template \{ and \} are literal braces; a template read
// from a path has no escapes.
func fnFormat(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	var tmpl string
	escapes := false
	if a := &c.args[0]; a.kind == argLiteral && a.str {
		tmpl, escapes = a.raw, true
	} else {
		s, err := stringArg(c, args, 0)
		if err != nil {
			return nil, err
		}
		tmpl = s
	}
	rest := args[1:]
	if s, ok := format(tmpl, escapes, rest); ok {
		return s, nil
	}
	holes := 0
	for i := 0; i < len(tmpl); i++ {
		switch {
		case escapes && tmpl[i] == '\\':
			i++
		case tmpl[i] == '{' && i+1 < len(tmpl) && tmpl[i+1] == '}':
			holes++
			i++
		}
	}
	return nil, intrinsicFailure(c, "the template has %d placeholders but %d arguments follow it", holes, len(rest))
}

// format is the string States.Format builds from the template tmpl, whose
// backslash escapes count when escapes is set (a literal template), and
// args, as a Value (stringValue); false when the template has not one
// placeholder per argument.
func format(tmpl string, escapes bool, args []Value) (Value, bool) {
	// Most results are short: build them on the stack, so that the
	// Value is the only allocation.
	var buf [128]byte
	b := buf[:0]
	next := 0
	for i := 0; i < len(tmpl); i++ {
		ch := tmpl[i]
		switch {
		case escapes && ch == '\\' && i+1 < len(tmpl):
			b = append(b, tmpl[i+1])
			i++
		case ch == '{' && i+1 < len(tmpl) && tmpl[i+1] == '}':
			if next == len(args) {
				return nil, false
			}
			b = appendJavaString(b, args[next])
			next++
			i++
		default:
			b = append(b, ch)
		}
	}
	if next != len(args) {
		return nil, false
	}
	return stringValue(b), true
}

// appendJavaString renders v as Java's toString renders the service's
// values: strings bare, objects {k=v, k2=v2}, arrays [a, b] (A5.9).
func appendJavaString(b []byte, v Value) []byte {
	// the usual arguments first, each by one comparison of the type
	if s, ok := v.(string); ok {
		return append(b, s...)
	}
	if n, ok := v.(int64); ok {
		return strconv.AppendInt(b, n, 10)
	}
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return append(b, x...)
	case bool:
		return strconv.AppendBool(b, x)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case float64:
		return appendDouble(b, x)
	case []Value:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendJavaString(b, e)
		}
		return append(b, ']')
	case *Object:
		b = append(b, '{')
		for i, m := range x.Members() {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, m.Key...)
			b = append(b, '=')
			b = appendJavaString(b, m.Value)
		}
		return append(b, '}')
	}
	return append(b, EncodeString(v)...)
}

// fnStringToJSON parses JSON text; blank text gives null (A5.11).
func fnStringToJSON(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	s, err := stringArg(c, args, 0)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	v, derr := DecodeString(s)
	if derr != nil {
		return nil, intrinsicFailure(c, "the string is not valid JSON: %s", derr.Error())
	}
	return v, nil
}

func fnJSONToString(_ *Intrinsic, args []Value, _ Scope) (Value, error) {
	return string(AppendJSON(nil, args[0])), nil
}

func fnArray(_ *Intrinsic, args []Value, _ Scope) (Value, error) {
	out := make([]Value, len(args))
	copy(out, args)
	return out, nil
}

func fnArrayPartition(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	arr, err := arrayArg(c, args, 0)
	if err != nil {
		return nil, err
	}
	n, err := intArg(c, args, 1)
	if err != nil {
		return nil, err
	}
	if n <= 0 {
		return nil, intrinsicFailure(c, "the chunk size must be a positive integer, but was %d", n)
	}
	out := make([]Value, 0, (int64(len(arr))+n-1)/n)
	for i := 0; i < len(arr); i += int(min(n, int64(len(arr)))) {
		end := min(int64(i)+n, int64(len(arr)))
		chunk := make([]Value, end-int64(i))
		copy(chunk, arr[i:end])
		out = append(out, chunk)
	}
	return out, nil
}

func fnArrayContains(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	arr, err := arrayArg(c, args, 0)
	if err != nil {
		return nil, err
	}
	for _, e := range arr {
		if Equal(e, args[1]) {
			return true, nil
		}
	}
	return false, nil
}

// fnArrayRange counts from start by step while not past end, end included
// (A5.16).
func fnArrayRange(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	var n [3]int64
	for i := range n {
		v, err := intArg(c, args, i)
		if err != nil {
			return nil, err
		}
		n[i] = v
	}
	start, end, step := n[0], n[1], n[2]
	if step == 0 {
		return nil, intrinsicFailure(c, "the step must not be 0")
	}
	var count int64
	if step > 0 && end >= start {
		count = (end-start)/step + 1
	} else if step < 0 && end <= start {
		count = (start-end)/(-step) + 1
	}
	if count > maxArrayRange || count < 0 {
		return nil, intrinsicFailure(c, "the range has more than %d elements", maxArrayRange)
	}
	out := make([]Value, count)
	for i := range out {
		out[i] = start + int64(i)*step
	}
	return out, nil
}

func fnArrayGetItem(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	arr, err := arrayArg(c, args, 0)
	if err != nil {
		return nil, err
	}
	i, err := intArg(c, args, 1)
	if err != nil {
		return nil, err
	}
	if i < 0 || i >= int64(len(arr)) {
		return nil, intrinsicFailure(c, "index %d is out of bounds for an array of length %d", i, len(arr))
	}
	return arr[i], nil
}

func fnArrayLength(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	arr, err := arrayArg(c, args, 0)
	if err != nil {
		return nil, err
	}
	return int64(len(arr)), nil
}

// fnArrayUnique keeps the first occurrence of each value (deep equality,
// 1 equals 1.0), in order (A5.19).
func fnArrayUnique(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	arr, err := arrayArg(c, args, 0)
	if err != nil {
		return nil, err
	}
	out := make([]Value, 0, len(arr))
	seen := make(map[string]struct{}, len(arr))
	var key []byte
	for _, e := range arr {
		key = appendCanonical(key[:0], e)
		if _, dup := seen[string(key)]; dup {
			continue
		}
		seen[string(key)] = struct{}{}
		out = append(out, e)
	}
	return out, nil
}

// appendCanonical appends a text that is the same for two values exactly
// when Equal reports them equal: integral numbers as integers, object
// members sorted by name.
func appendCanonical(b []byte, v Value) []byte {
	switch x := v.(type) {
	case int64, float64:
		if i, ok := Int(x); ok {
			return strconv.AppendInt(b, i, 10)
		}
		return append(b, FormatNumber(x)...)
	case []Value:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCanonical(b, e)
		}
		return append(b, ']')
	case *Object:
		members := slices.Clone(x.Members())
		slices.SortFunc(members, func(a, b Member) int { return strings.Compare(a.Key, b.Key) })
		b = append(b, '{')
		for i, m := range members {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, m.Key)
			b = append(b, ':')
			b = appendCanonical(b, m.Value)
		}
		return append(b, '}')
	}
	return AppendJSON(b, v)
}

func limitedString(c *Intrinsic, args []Value, i int) (string, *Error) {
	s, err := stringArg(c, args, i)
	if err != nil {
		return "", err
	}
	if len(s) > maxEncodeLength && utf16Len(s) > maxEncodeLength {
		return "", intrinsicFailure(c, "the input is longer than %d characters", maxEncodeLength)
	}
	return s, nil
}

func fnBase64Encode(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	s, err := limitedString(c, args, 0)
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.EncodeToString([]byte(s)), nil
}

// fnBase64Decode decodes the standard alphabet; as with Java's decoder,
// the padding may be left out.
func fnBase64Decode(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	s, err := limitedString(c, args, 0)
	if err != nil {
		return nil, err
	}
	enc := base64.StdEncoding
	if !strings.HasSuffix(s, "=") && len(s)%4 != 0 {
		enc = base64.RawStdEncoding
	}
	b, derr := enc.DecodeString(s)
	if derr != nil {
		return nil, intrinsicFailure(c, "the input is not valid Base64")
	}
	if !utf8.Valid(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD"), nil
	}
	return string(b), nil
}

func fnHash(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	s, err := limitedString(c, args, 0)
	if err != nil {
		return nil, err
	}
	alg, err := stringArg(c, args, 1)
	if err != nil {
		return nil, err
	}
	var h hash.Hash
	switch alg {
	case "MD5":
		h = md5.New()
	case "SHA-1":
		h = sha1.New()
	case "SHA-256":
		h = sha256.New()
	case "SHA-384":
		h = sha512.New384()
	case "SHA-512":
		h = sha512.New()
	default:
		return nil, intrinsicFailure(c, "the hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was %s", strconv.Quote(alg))
	}
	h.Write([]byte(s))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// fnJSONMerge merges two objects shallowly: members of the second replace
// those of the first (A5.22). Deep merging is not supported by AWS.
func fnJSONMerge(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	a, err := objectArg(c, args, 0)
	if err != nil {
		return nil, err
	}
	b, err := objectArg(c, args, 1)
	if err != nil {
		return nil, err
	}
	deep, ok := args[2].(bool)
	if !ok {
		return nil, argType(c, args, 2, "a boolean")
	}
	if deep {
		return nil, intrinsicFailure(c, "deep merge is not supported, the third argument must be false")
	}
	out := a.CloneGrow(b.Len())
	for _, m := range b.Members() {
		out.Set(m.Key, m.Value)
	}
	return out, nil
}

// fnMathRandom returns an integer from start to end, both included. Numbers
// with a fraction are truncated to integers. With a seed the result is the
// one java.util.Random seeded with it gives, so it is repeatable (A5.23).
func fnMathRandom(c *Intrinsic, args []Value, s Scope) (Value, error) {
	var n [3]int64
	for i := range args {
		f, ok := Float(args[i])
		if !ok {
			return nil, argType(c, args, i, "a number")
		}
		if math.IsNaN(f) || f < math.MinInt32 || f > math.MaxInt32 {
			return nil, intrinsicFailure(c, "argument %d must be within the 32-bit integer range, but was %s", i+1, FormatNumber(args[i]))
		}
		n[i] = int64(f)
	}
	start, end := n[0], n[1]
	if start > end {
		return nil, intrinsicFailure(c, "the start %d is greater than the end %d", start, end)
	}
	span := uint64(end-start) + 1
	if len(args) == 3 {
		r := javaRandom(n[2])
		return start + r.nextLong(int64(span)), nil
	}
	if s == nil {
		return nil, intrinsicFailure(c, "no source of randomness")
	}
	return start + int64(uniform(s, span)), nil
}

// uniform returns a uniformly distributed number below n.
func uniform(s Scope, n uint64) uint64 {
	// Lemire's nearly divisionless method.
	hi, lo := bits.Mul64(s.Random(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(s.Random(), n)
		}
	}
	return hi
}

// javaRandom is java.util.Random's linear congruential generator.
type javaRand struct{ seed int64 }

func javaRandom(seed int64) *javaRand {
	return &javaRand{seed: (seed ^ 0x5DEECE66D) & (1<<48 - 1)}
}

func (r *javaRand) next(bits uint) int32 {
	r.seed = (r.seed*0x5DEECE66D + 0xB) & (1<<48 - 1)
	return int32(uint64(r.seed) >> (48 - bits))
}

// nextLong returns Random.nextInt(bound) for bounds up to 2^31 - 1 and a
// value from the same generator for the one larger span (the full 32-bit
// range plus one).
func (r *javaRand) nextLong(bound int64) int64 {
	if bound > math.MaxInt32 {
		v := (int64(r.next(32)) << 32) + int64(r.next(32))
		return int64(uint64(v) % uint64(bound))
	}
	b := int32(bound)
	if b&(-b) == b {
		return int64((int64(b) * int64(r.next(31))) >> 31)
	}
	for {
		bitsV := r.next(31)
		val := bitsV % b
		if bitsV-val+(b-1) >= 0 {
			return int64(val)
		}
	}
}

// fnMathAdd rounds both operands as Java's Math.round does (half up) and
// adds them (A5.24). Operands must be within the 32-bit integer range.
func fnMathAdd(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	// two integers of the 32-bit range, the usual arguments, first
	if a, ok := args[0].(int64); ok && a == int64(int32(a)) {
		if b, ok := args[1].(int64); ok && b == int64(int32(b)) {
			return a + b, nil
		}
	}
	var sum int64
	for i := range 2 {
		var v int64
		switch x := args[i].(type) {
		case int64:
			v = x
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, argType(c, args, i, "a number")
			}
			r := math.Floor(x)
			if x-r >= 0.5 {
				r++
			}
			if r < math.MinInt32 || r > math.MaxInt32 {
				return nil, intrinsicFailure(c, "argument %d must be within the 32-bit integer range, but was %s", i+1, FormatNumber(x))
			}
			v = int64(r)
		default:
			return nil, argType(c, args, i, "a number")
		}
		if v < math.MinInt32 || v > math.MaxInt32 {
			return nil, intrinsicFailure(c, "argument %d must be within the 32-bit integer range, but was %d", i+1, v)
		}
		sum += v
	}
	return sum, nil
}

// fnStringSplit splits at every character of the delimiter and drops empty
// pieces (A5.25), as java.util.StringTokenizer does.
func fnStringSplit(c *Intrinsic, args []Value, _ Scope) (Value, error) {
	s, err := stringArg(c, args, 0)
	if err != nil {
		return nil, err
	}
	d, err := stringArg(c, args, 1)
	if err != nil {
		return nil, err
	}
	isDelim := func(r rune) bool { return strings.ContainsRune(d, r) }
	if len(d) == 1 {
		b := rune(d[0])
		isDelim = func(r rune) bool { return r == b }
	}
	return fieldsArray(s, isDelim), nil
}

func fieldsArray(s string, isDelim func(rune) bool) []Value {
	n := 0
	in := false
	for _, r := range s {
		if isDelim(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	out := make([]Value, 0, n)
	start := -1
	for i, r := range s {
		if isDelim(r) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// fnUUID returns a random version 4 UUID from the scope's randomness (A5.26).
func fnUUID(c *Intrinsic, _ []Value, s Scope) (Value, error) {
	if s == nil {
		return nil, intrinsicFailure(c, "no source of randomness")
	}
	var b [16]byte
	hi, lo := s.Random(), s.Random()
	for i := range 8 {
		b[i] = byte(hi >> (56 - 8*i))
		b[8+i] = byte(lo >> (56 - 8*i))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:]), nil
}
