package aslrt

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStringSize: the size of every string literal agrees with what
// appendString writes, for every byte alone, between letters and at every
// place of longer strings, and for
// random strings of ASCII, control characters, multi-byte characters and
// invalid UTF-8.
func TestStringSize(t *testing.T) {
	var texts []string
	for c := range 256 {
		texts = append(texts, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"bc")
	}
	// every byte at every place of strings tested eight bytes at a time
	for c := range 256 {
		for at := range 17 {
			b := []byte("abcdefghijklmnopq")
			b[at] = byte(c)
			texts = append(texts, string(b), string(b[:at+1]))
		}
	}
	texts = append(texts, "", "plain text", "日本語", "\u2028\u2029", "é\xffe", "\xe6\x97", "tab\tquote\"back\\slash\x01")
	parts := []string{"a", "Z", " ", "\"", "\\", "\n", "\x00", "\x1f", "\x7f", "é", "日", "😀", "\xff", "\xe6\x97", "\u2028"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		s := ""
		for range r.IntN(20) {
			s += parts[r.IntN(len(parts))]
		}
		texts = append(texts, s)
	}
	for _, s := range texts {
		if got, want := stringSize(s), len(appendString(nil, s)); got != want {
			t.Errorf("stringSize(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestJSONSizeBound: the bound CheckPayloadSize tries first is never below
// the exact size, for strings of every kind, the longest numbers and nested
// containers.
func TestJSONSizeBound(t *testing.T) {
	values := []Value{
		nil, true, false, "", "\x00\x01\x1f", "\xff\xfe", "日本", `"\`,
		int64(math.MinInt64), int64(math.MaxInt64), int64(0),
		-1.2345678901234567e-308, math.MaxFloat64, -math.MaxFloat64, 5e-324, -0.0012345678901234567,
		-1234567.123456789, 1e21, -1e-7, 0.1, math.Copysign(0, -1),
		[]Value{}, NewObject(0),
		MustDecode(`{"\u0001key":[1,-2.5e-300,"\u0000",{"":null,"a\"b":[true,false]}],"x":{"y":{"z":"日本語"}}}`),
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		o := NewObject(4)
		for i := range r.IntN(6) {
			switch r.IntN(4) {
			case 0:
				o.Set(string(rune('a'+i)), r.Float64()*math.Pow(10, float64(r.IntN(40)-20)))
			case 1:
				o.Set("\x01"+string(rune('a'+i)), int64(r.Uint64()))
			case 2:
				o.Set(string(rune('a'+i)), string([]byte{byte(r.IntN(256)), byte(r.IntN(256))}))
			default:
				o.Set(string(rune('a'+i)), []Value{-r.Float64(), nil})
			}
		}
		values = append(values, o)
	}
	for _, v := range values {
		exact := len(Encode(v))
		if got := jsonSizeBound(v, 0, math.MaxInt); got < exact {
			t.Errorf("jsonSizeBound(%s) = %d, below the size %d", Encode(v), got, exact)
		}
	}
	big := []Value{strings.Repeat("x", MaxPayloadSize/6)}
	if jsonSizeBound(big, 0, MaxPayloadSize) <= MaxPayloadSize {
		t.Errorf("the bound of a string of %d bytes is within the limit", MaxPayloadSize/6)
	}
	if err := CheckPayloadSize("S", big); err != nil {
		t.Errorf("CheckPayloadSize of %d bytes: %v", JSONSize(big, math.MaxInt), err)
	}
	if err := CheckPayloadSize("S", []Value{strings.Repeat("x", MaxPayloadSize)}); err == nil {
		t.Error("CheckPayloadSize of more than the limit passed")
	}
}

// TestResultSelectorSize: without a ResultPath, the ResultSelector's
// value is the state's output, and one of more than 256 KiB fails the
// state (A19.1); with a ResultPath, the merged document is what is
// checked.
func TestResultSelectorSize(t *testing.T) {
	big := ObjectOf(Member{"text", strings.Repeat("a", 100*1024)})
	sel := MustTemplate(`{"a.$":"$.text","b.$":"$.text","c.$":"$.text"}`)
	for _, c := range []struct {
		name string
		io   StateIO
	}{
		{"no ResultPath", StateIO{ResultSelector: sel}},
		{"ResultPath", StateIO{ResultSelector: sel, ResultPath: MustReferencePath("$.r")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
				if err := x.Enter(&State{Name: "Select", Type: TaskState, Resource: "arn:aws:states:::lambda:invoke"}, in); err != nil {
					return nil, err
				}
				return c.io.Output(in, big, x)
			})
			want := &Error{Name: ErrDataLimitExceeded, Cause: "The state/task 'Select' returned a result with a size exceeding the maximum number of bytes service limit."}
			if diff := cmp.Diff(want, AsError(err)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestFlatTemplateBound (A19.1): for a one-level object template the
// bound worked out from the member kinds (Template.bound) is the one the
// node walk gives, and never below the exact size, for members of every
// kind read from the input, from the context object and from intrinsics.
func TestFlatTemplateBound(t *testing.T) {
	in := MustDecode(`{"s":"text \"quoted\"","n":12,"f":1.5,"b":true,"z":null,"o":{"k":[1,2,3]},"a":[{"x":1}],"e":[]}`)
	templates := []string{
		`{"lit":1,"s.$":"$.s","n.$":"$.n","f.$":"$.f","b.$":"$.b","z.$":"$.z","o.$":"$.o","a.$":"$.a","e.$":"$.e"}`,
		`{"whole.$":"$","ctx.$":"$$.State.Name","fmt.$":"States.Format('{}-{}', $.s, $.n)","arr.$":"States.Array($.o, $.s)"}`,
		`{"only":"literal","nested":{"k":[1,"two"]},"s.$":"$.s"}`,
		`{"k.$":"$.o.k","first.$":"$.a[0]","json.$":"States.JsonToString($.o)"}`,
		`{"n.$":"$.n","s.$":"$.s","lit":"x","sum.$":"States.MathAdd($.n, 1)"}`,
		`{"n.$":"$.n","f.$":"$.f"}`,
		// a string a call built among other members, measured by flatStrings
		`{"n.$":"$.n","fmt.$":"States.Format('{}', $.s)","s.$":"$.s","m.$":"States.MathAdd($.n, 1)"}`,
		`{"n.$":"$.n","fmt.$":"States.Format('{}', $.s)","s.$":"$.s","o.$":"$.o"}`,
	}
	for _, text := range templates {
		tm := MustTemplate(text)
		if !tm.flat.ok {
			t.Fatalf("%s: not flat", text)
		}
		_, err := run(t, Definition{}, in, func(x *Exec, in Value) (Value, error) {
			if err := x.Enter(&State{Name: "Flat", Type: PassState}, in); err != nil {
				return nil, err
			}
			v, err := tm.Eval(in, x)
			if err != nil {
				return nil, err
			}
			got, want := tm.bound(v, x, in), tm.root.bound(v, x, in)
			if got != want {
				t.Errorf("%s: bound %d, node walk %d", text, got, want)
			}
			if _, n, err := tm.evalSized(in, x); err != nil || n != want {
				t.Errorf("%s: evalSized's bound %d (%v), node walk %d", text, n, err, want)
			}
			if exact := JSONSize(v, math.MaxInt/4); got < exact {
				t.Errorf("%s: bound %d below the size %d", text, got, exact)
			}
			return v, nil
		})
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
	}
	if MustTemplate(`{"o":{"k.$":"$.s"}}`).flat.ok {
		t.Error("a template with an evaluated member below the top is flat")
	}
}

// TestItemSelectorBound (A19.1): a Map's ItemSelector reading the item
// ($$.Map.Item.Value and paths into it) is bounded by the bound of the
// items array, which MapItems takes from the input's, instead of by
// walking each item; the bound stays above the exact size, and an item
// too large to be selected twice still fails the limit.
func TestItemSelectorBound(t *testing.T) {
	// inMap runs a Map over $.items of input whose iterations evaluate tm
	// and check its value and bound.
	inMap := func(t *testing.T, input string, tm *Template, check func(ix *Exec, mp *Group, v Value, n int)) {
		t.Helper()
		_, err := run(t, Definition{}, MustDecode(input), func(x *Exec, in Value) (Value, error) {
			if err := x.Enter(&State{Name: "Fan", Type: MapState}, in); err != nil {
				return nil, err
			}
			items, err := x.MapItems(MustReferencePath("$.items"), in)
			if err != nil {
				return nil, err
			}
			mp := x.Map(items, MapConfig{MaxConcurrency: 1})
			if mp.itemBound < 0 {
				t.Fatalf("no bound for the items of %s", input)
			}
			err = workAll(x.Context(), mp, func(ix *Exec, _ Value) (Value, error) {
				v, n, err := tm.evalSized(in, ix)
				if err != nil {
					return nil, err
				}
				check(ix, mp, v, n)
				return int64(0), nil
			})
			out, err := mp.Wait(err)
			x.Exit(out)
			return out, err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Run("bound", func(t *testing.T) {
		input := `{"tag":"t","items":[{"s":"a\"b","o":{"k":[1,2,{"z":"\u00e9"}]}},{"s":"","o":{"k":"x"}}]}`
		for _, text := range []string{
			`{"index.$":"$$.Map.Item.Index","value.$":"$$.Map.Item.Value","tag.$":"$.tag"}`,
			`{"deep.$":"$$.Map.Item.Value.o","s.$":"$$.Map.Item.Value.s"}`,
			`{"nested":{"v.$":"$$.Map.Item.Value"},"a":[1,{"k.$":"$$.Map.Item.Value.o.k"}]}`,
		} {
			inMap(t, input, MustTemplate(text), func(ix *Exec, mp *Group, v Value, n int) {
				if b, ok := ix.itemBound(fromItem); !ok || b != mp.itemBound {
					t.Errorf("%s: the item's bound is %d, %v; want %d", text, b, ok, mp.itemBound)
				}
				if exact := JSONSize(v, math.MaxInt/4); n < exact {
					t.Errorf("%s: bound %d below the size %d of %s", text, n, exact, EncodeString(v))
				}
			})
		}
	})
	t.Run("over the limit", func(t *testing.T) {
		big := strings.Repeat("x", 150*1024)
		input := `{"tag":"t","items":[{"s":"` + big + `","o":{"k":"` + big[:1000] + `"}}]}`
		tm := MustTemplate(`{"a.$":"$$.Map.Item.Value","b.$":"$$.Map.Item.Value.s"}`)
		inMap(t, input, tm, func(ix *Exec, _ *Group, v Value, n int) {
			ix.noteSize(v, n)
			if ix.withinLimit(v) {
				t.Errorf("a selection of %d bytes is within the limit", JSONSize(v, math.MaxInt/4))
			}
		})
	})
}
