package aslrt

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestWaitCorpus runs the recorded single-Wait machines (SecondsPath,
// TimestampPath, Seconds, Timestamp) and compares status, error and cause
// with AWS's (A7.3–A7.8).
func TestWaitCorpus(t *testing.T) {
	corpus := execCorpusDir(t)
	dirs, _ := filepath.Glob(filepath.Join(corpus, "cases", "wait-*"))
	ran := 0
	for _, dir := range dirs {
		def := execReadJSON(t, filepath.Join(dir, "definition.json")).(*Object)
		if _, ok := def.Get("QueryLanguage"); ok {
			continue
		}
		states := jget(def, "States").(*Object)
		if states.Len() != 1 {
			continue
		}
		name := states.Keys()[0]
		st := jget(states, name).(*Object)
		if jget(st, "Type") != "Wait" {
			continue
		}
		ran++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			in := execReadJSON(t, filepath.Join(dir, "input.json"))
			want := execReadJSON(t, filepath.Join(dir, "expected.json")).(*Object)
			clock := NewVirtualClock(time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC))
			out, err := run(t, Definition{}, in, func(x *Exec, in Value) (Value, error) {
				if err := x.Enter(&State{Name: name, Type: WaitState}, in); err != nil {
					return nil, err
				}
				var err error
				switch {
				case st.Has("Seconds"):
					n, _ := Int(jget(st, "Seconds"))
					err = x.WaitSeconds(n)
				case st.Has("SecondsPath"):
					err = x.WaitSecondsPath(MustReferencePath(jget(st, "SecondsPath").(string)), in)
				case st.Has("Timestamp"):
					err = x.WaitUntil(MustTimestamp(jget(st, "Timestamp").(string)))
				case st.Has("TimestampPath"):
					err = x.WaitTimestampPath(MustReferencePath(jget(st, "TimestampPath").(string)), in)
				}
				if err != nil {
					return nil, err
				}
				x.Exit(in)
				return in, nil
			}, WithClock(clock))
			if jget(want, "status") == "SUCCEEDED" {
				if err != nil {
					t.Fatalf("failed: %v", err)
				}
				if w, _ := want.Get("output"); !Equal(w, datesReplaced(out)) {
					t.Errorf("output %s, want %s", EncodeString(out), EncodeString(w))
				}
				return
			}
			if diff := cmp.Diff(corpusFailure(t, filepath.Base(dir)), AsError(err)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if ran < 15 {
		t.Errorf("only %d Wait cases", ran)
	}
}

func TestWait(t *testing.T) {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	p := MustReferencePath("$.v")
	cases := []struct {
		name    string
		in      string
		wait    func(x *Exec, in Value) error
		elapsed time.Duration
		cause   string
	}{
		{"A7.6 zero", `{"v":0}`, func(x *Exec, in Value) error { return x.WaitSecondsPath(p, in) }, 0, ""},
		{"integral float", `{"v":2.0}`, func(x *Exec, in Value) error { return x.WaitSecondsPath(p, in) }, 2 * time.Second, ""},
		{"A7.3 string", `{"v":"5"}`, func(x *Exec, in Value) error { return x.WaitSecondsPath(p, in) }, 0,
			"The SecondsPath parameter cannot be parsed as a long value: $.v == 5"},
		{"A7.3 object", `{"v":{"a":1}}`, func(x *Exec, in Value) error { return x.WaitSecondsPath(p, in) }, 0,
			`The SecondsPath parameter cannot be parsed as a long value: $.v == {"a":1}`},
		{"A7.10 24855 days", `{"v":2147472000}`, func(x *Exec, in Value) error { return x.WaitSecondsPath(p, in) }, 2147472000 * time.Second, ""},
		{"A7.10 24856 days", `{"v":2147558400}`, func(x *Exec, in Value) error { return x.WaitSecondsPath(p, in) }, 0, "Wait state delay is too long."},
		{"A7.9 past timestamp", `{"v":"2023-01-01T00:00:00Z"}`, func(x *Exec, in Value) error { return x.WaitTimestampPath(p, in) }, 0, ""},
		{"timestamp with offset", `{"v":"2024-01-01T01:30:00+01:00"}`, func(x *Exec, in Value) error { return x.WaitTimestampPath(p, in) }, 30 * time.Minute, ""},
		{"A7.10 far timestamp", `{"v":"2099-01-01T00:00:00Z"}`, func(x *Exec, in Value) error { return x.WaitTimestampPath(p, in) }, 0, "Wait state delay is too long."},
		{"A7.8 number as timestamp", `{"v":5}`, func(x *Exec, in Value) error { return x.WaitTimestampPath(p, in) }, 0,
			"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.v == 5"},
		{"missing timestamp", `{}`, func(x *Exec, in Value) error { return x.WaitTimestampPath(p, in) }, 0,
			"The TimestampPath parameter does not reference an input value: $.v"},
		{"A7.11 JSONata timestamp", `{}`, func(x *Exec, in Value) error { return x.WaitTimestampValue("2016-12-05T25:29:29Z") }, 0,
			"The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-12-05T25:29:29Z"},
		{"JSONata timestamp", `{}`, func(x *Exec, in Value) error { return x.WaitTimestampValue("2024-01-01T00:01:00Z") }, time.Minute, ""},
		{"JSONata seconds", `{}`, func(x *Exec, in Value) error { return x.WaitSecondsValue(int64(3), "$s") }, 3 * time.Second, ""},
		{"JSONata seconds not a number", `{}`, func(x *Exec, in Value) error { return x.WaitSecondsValue("3", "$s") }, 0,
			"The JSONata expression '$s' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was 'string' for value: \"3\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := NewVirtualClock(base)
			_, err := run(t, Definition{}, MustDecode(c.in), func(x *Exec, in Value) (Value, error) {
				x.Enter(&State{Name: "W", Type: WaitState}, in)
				return in, c.wait(x, in)
			}, WithClock(clock))
			if c.cause == "" {
				if err != nil {
					t.Fatalf("failed: %v", err)
				}
			} else {
				e := AsError(err)
				if e == nil || !strings.HasSuffix(e.Cause, "). "+c.cause) {
					t.Fatalf("error %v, want cause ending in %q", err, c.cause)
				}
			}
			if d := clock.Now().Sub(base); d != c.elapsed {
				t.Errorf("waited %v, want %v", d, c.elapsed)
			}
		})
	}
}

func TestParseTimestamp(t *testing.T) {
	utc := func(s string) time.Time { t, _ := time.Parse(time.RFC3339Nano, s); return t }
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2016-03-14T01:59:00Z", utc("2016-03-14T01:59:00Z"), true},
		{"2016-03-05T21:29:29.243167252Z", utc("2016-03-05T21:29:29.243167252Z"), true},
		{"2016-03-05T21:29:29.00Z", utc("2016-03-05T21:29:29Z"), true},
		{"2016-03-05T21:29:29.5+02:00", utc("2016-03-05T19:29:29.5Z"), true},
		{"2016-03-05T21:29:29-05:30", utc("2016-03-06T02:59:29Z"), true},
		{"2016-03-05t21:29:29z", utc("2016-03-05T21:29:29Z"), true},
		{"2016-03-05T21:29Z", utc("2016-03-05T21:29:00Z"), true},
		{"2016-02-29T00:00:00Z", utc("2016-02-29T00:00:00Z"), true},
		{"2015-02-29T00:00:00Z", time.Time{}, false},
		{"2016-13-05T21:29:29Z", time.Time{}, false},
		{"2016-12-05T25:29:29Z", time.Time{}, false},
		{"2016-12-05T21:60:29Z", time.Time{}, false},
		{"2016-12-05T21:29:60Z", time.Time{}, false},
		{"2016-12-05 21:29:29Z", time.Time{}, false},
		{"2016-12-05T21:29:29", time.Time{}, false},
		{"05-12-2016T21:29:29Z", time.Time{}, false},
		{"2016-12-05T21:29:29.Z", time.Time{}, false},
		{"2016-12-05T21:29:29.1234567890Z", time.Time{}, false},
		{"2016-12-05T21:29:29+0100", time.Time{}, false},
		{"2016-12-05T21:29:29+19:00", time.Time{}, false},
		{"2023-02-24 12:15:56.832957", time.Time{}, false},
		{"2016-12-05T21:29:29Z ", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, c := range cases {
		got, ok := ParseTimestamp(c.in)
		if ok != c.ok || ok && !got.Equal(c.want) {
			t.Errorf("ParseTimestamp(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	if !IsTimestampString("2016-03-14T01:59:00Z") || IsTimestampString(int64(1)) {
		t.Error("IsTimestampString")
	}
}

// datesReplaced replaces timestamp strings with "date", as the recorder of
// the corpus did.
func datesReplaced(v Value) Value {
	switch x := v.(type) {
	case string:
		if _, ok := ParseTimestamp(x); ok {
			return "date"
		}
	case []Value:
		out := make([]Value, len(x))
		for i, e := range x {
			out[i] = datesReplaced(e)
		}
		return out
	case *Object:
		out := NewObject(x.Len())
		for _, m := range x.Members() {
			out.Set(m.Key, datesReplaced(m.Value))
		}
		return out
	}
	return v
}
