package jsonata

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"math/rand/v2"

	aslrt "github.com/aslc/aslc/runtime"
)

// StepFunctionsFunctions registers the functions AWS Step Functions adds
// to JSONata, as documented in "Transforming data with JSONata in Step
// Functions":
//
//	$partition(array, size)       the array in chunks of size items
//	$range(start, end[, step])    start, start+step, ... up to and including end
//	$hash(data, algorithm)        hex digest: MD5, SHA-1, SHA-256, SHA-384, SHA-512
//	$random([seed])               a number in [0, 1); the same seed gives the same number
//	$uuid()                       a random version 4 UUID
//	$parse(json)                  the value a JSON text stands for
//
// random is the source of randomness for $random() without a seed and for
// $uuid(); nil means the environment's (see WithRandomSource; by default
// math/rand/v2). It must be safe for concurrent use. Step Functions also
// lacks $eval: combine with WithoutFunctions("eval").
func StepFunctionsFunctions(random func() uint64) Option {
	return func(env *Env) error {
		defs := []def{
			{"partition", "<an:a>", 2, 2, fnPartition},
			{"range", "<nnn?:a<n>>", 3, 3, fnRangeSF},
			{"hash", "<s-s:s>", 2, 2, fnHash},
			{"random", "<n?:n>", 1, 1, func(ev *evaluator, cc callCtx, args []Value) (Value, error) {
				if random == nil {
					return sfRandom(ev.env.randomBits, args)
				}
				return sfRandom(random, args)
			}},
			{"uuid", "<:s>", 0, 1, func(ev *evaluator, cc callCtx, args []Value) (Value, error) {
				if random == nil {
					return uuid4(ev.env.randomBits), nil
				}
				return uuid4(random), nil
			}},
			{"parse", "<s-:j>", 1, 1, fnParse},
		}
		if env.funcs == nil {
			env.funcs = map[string]*builtin{}
		}
		for _, d := range defs {
			sig, err := parseSignature(d.sig)
			if err != nil {
				return err.finish()
			}
			env.funcs[d.name] = &builtin{name: d.name, sig: sig, length: d.length, nparams: d.nparams, fn: d.fn}
			delete(env.hidden, d.name)
		}
		return nil
	}
}

// positiveInt returns v as an integer when it is a positive whole number.
func positiveInt(v Value) (int, bool) {
	f, ok := toNumber(v)
	if !ok || f != math.Trunc(f) || f < 1 || f > 1e9 {
		return 0, false
	}
	return int(f), true
}

func fnPartition(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	size, ok := positiveInt(args[1])
	if !ok {
		return nil, newError("D3201", withValue(args[1]), withIndex(2))
	}
	out := newSequence(len(items)/size + 1)
	for i := 0; i < len(items); i += size {
		end := min(i+size, len(items))
		chunk := make([]Value, end-i)
		copy(chunk, items[i:end])
		out.items = append(out.items, chunk)
	}
	return out, nil
}

func fnRangeSF(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	start, _ := toNumber(args[0])
	end, _ := toNumber(args[1])
	step := 1.0
	if s, ok := toNumber(args[2]); ok {
		step = s
	}
	if step == 0 || math.IsNaN(step) {
		return nil, newError("D3202", withValue(args[2]), withIndex(3))
	}
	count := math.Floor((end-start)/step) + 1
	if count < 0 {
		count = 0
	}
	if count > 1e7 {
		return nil, newError("D2014", withValue(num(count)))
	}
	out := newSequence(int(count))
	for i := 0; i < int(count); i++ {
		out.items = append(out.items, num(start+float64(i)*step))
	}
	return out, nil
}

func fnHash(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	data, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	alg, _ := args[1].(string)
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
		return nil, newError("D3203", withValue(alg), withIndex(2))
	}
	h.Write([]byte(data))
	return hex.EncodeToString(h.Sum(nil)), nil
}

func sfRandom(random func() uint64, args []Value) (Value, error) {
	if len(args) > 0 && !IsUndefined(args[0]) {
		seed, _ := toNumber(args[0])
		s := uint64(int64(seed))
		if seed != math.Trunc(seed) {
			s = math.Float64bits(seed)
		}
		return rand.New(rand.NewPCG(s, 0x5EED)).Float64(), nil
	}
	return float64(random()>>11) / (1 << 53), nil
}

func uuid4(random func() uint64) string {
	var b [16]byte
	hi, lo := random(), random()
	for i := 0; i < 8; i++ {
		b[i] = byte(hi >> (8 * i))
		b[8+i] = byte(lo >> (8 * i))
	}
	b[6] = b[6]&0x0F | 0x40
	b[8] = b[8]&0x3F | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func fnParse(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	v, err := aslrt.DecodeString(s)
	if err != nil {
		return nil, newError("D3204", withValue(s), withMessage("Unable to parse the string passed to $parse() as JSON: "+err.Error()))
	}
	v = asDoubles(v, 0)
	jsOrderDeep(v, 0)
	return v, nil
}

// asDoubles makes integers beyond 2^53 doubles, as JSON.parse reads them.
func asDoubles(v Value, depth int) Value {
	if depth > maxValueDepth {
		return v
	}
	switch x := v.(type) {
	case int64:
		if x > 1<<53 || x < -(1<<53) {
			return float64(x)
		}
	case []Value:
		for i, it := range x {
			x[i] = asDoubles(it, depth+1)
		}
	case *aslrt.Object:
		for _, m := range x.Members() {
			if n, ok := m.Value.(int64); ok && (n > 1<<53 || n < -(1<<53)) {
				x.Set(m.Key, float64(n))
			} else {
				asDoubles(m.Value, depth+1)
			}
		}
	}
	return v
}
