package bench_test

import (
	"runtime"
	"sync"
	"testing"
)

// BenchmarkHost tells what the machine gives parallel Go code, for reading
// the Map cases' scaling: the same amount of work split over one goroutine
// per core, once a chain of multiplications (compute), once small
// allocations (allocate, what JSON work mostly is). Run with -cpu 1,N to
// see what GOMAXPROCS N gains.
func BenchmarkHost(b *testing.B) {
	const units = 1 << 20
	split := func(b *testing.B, work func(n int)) {
		procs := runtime.NumCPU()
		for range b.N {
			var wg sync.WaitGroup
			for range procs {
				wg.Go(func() { work(units / procs) })
			}
			wg.Wait()
		}
	}
	b.Run("compute", func(b *testing.B) {
		split(b, func(n int) {
			x := uint64(n)
			for range n * 16 {
				x = x*6364136223846793005 + 1442695040888963407
			}
			runtime.KeepAlive(x)
		})
	})
	b.Run("allocate", func(b *testing.B) {
		split(b, func(n int) {
			var keep [][]byte
			for i := range n {
				p := make([]byte, 96)
				if i%1024 == 0 {
					keep = append(keep, p)
				}
			}
			runtime.KeepAlive(keep)
		})
	})
}
