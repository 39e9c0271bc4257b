package jsonata

import (
	"fmt"
	"sync"
	"testing"

	aslrt "github.com/aslc/aslc/runtime"
)

// One parsed expression evaluated from 16 goroutines at once must give
// every goroutine its own, correct result (run with -race).
func TestConcurrentEvaluate(t *testing.T) {
	exprs := []string{
		`$states.input.items[price > $min].{'sku': sku, 'line': price * qty, 'n': $count($states.input.items)}`,
		`$states.input.items^(>price)#$i.{'i': $i, 'sku': sku}`,
		`($f := function($n){ $n <= 1 ? $n : $f($n - 1) + $f($n - 2) }; $map([1..12], $f))`,
		`$states.input.items{cat: $sum(price)} ~> $each(function($v, $k){ $k & '=' & $string($v) })`,
		`$states.input ~> | items | {'checked': true, 'by': $who} |`,
		`$states.input.items.tags.%.sku`,
		`$join($split($states.input.csv, ','), $who)`,
	}
	const goroutines = 16
	const rounds = 50
	for _, src := range exprs {
		t.Run(src, func(t *testing.T) {
			expr := MustParse(src)
			input := func(g int) Value {
				return aslrt.MustDecode(fmt.Sprintf(`{"csv": "a,b,c", "items": [
					{"sku": "A%[1]d", "price": 10, "qty": 3, "cat": "tools", "tags": ["x", "y"]},
					{"sku": "B%[1]d", "price": %[1]d, "qty": 10, "cat": "toys", "tags": []},
					{"sku": "C%[1]d", "price": 100, "qty": 1, "cat": "tools", "tags": ["z"]}]}`, g))
			}
			bindings := func(g int) Vars {
				return Vars{
					"states": aslrt.ObjectOf(aslrt.Member{Key: "input", Value: input(g)}),
					"min":    int64(g % 7),
					"who":    fmt.Sprintf("g%d", g),
				}
			}
			// the expected result of each goroutine, computed alone
			want := make([]string, goroutines)
			for g := range want {
				v, err := expr.Evaluate(Undefined, bindings(g))
				if err != nil {
					t.Fatal(err)
				}
				want[g], _ = stringify(v, false, false)
			}
			// even goroutines share one input document, odd ones have their own
			shared := bindings(0)
			var wg sync.WaitGroup
			errs := make(chan string, goroutines*rounds)
			for g := 0; g < goroutines; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					b, w := bindings(g), want[g]
					if g%2 == 0 {
						b, w = shared, want[0]
					}
					for r := 0; r < rounds; r++ {
						v, err := expr.Evaluate(Undefined, b)
						if err != nil {
							errs <- err.Error()
							return
						}
						if got, _ := stringify(v, false, false); got != w {
							errs <- fmt.Sprintf("goroutine %d: got %s, want %s", g, got, w)
							return
						}
					}
				}(g)
			}
			wg.Wait()
			close(errs)
			for e := range errs {
				t.Error(e)
			}
		})
	}
}
