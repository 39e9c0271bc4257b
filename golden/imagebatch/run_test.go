package imagebatch_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/imagebatch"
	"github.com/aslc/aslc/golden/internal/goldentest"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func field(v aslrt.Value, key string) aslrt.Value {
	o, _ := v.(*aslrt.Object)
	x, _ := o.Get(key)
	return x
}

// tasks process one image in three steps and count how many images are
// in flight at once.
type tasks struct {
	inFlight, most atomic.Int64
	// block makes ResizeImage wait for its context after it has started
	// n images.
	block   int64
	started atomic.Int64
	// resizing is closed once block images have started.
	resizing chan struct{}
	once     sync.Once
}

func (t *tasks) ResizeImage(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	n := t.inFlight.Add(1)
	for {
		m := t.most.Load()
		if n <= m || t.most.CompareAndSwap(m, n) {
			break
		}
	}
	if t.block > 0 {
		if t.started.Add(1) >= t.block {
			t.once.Do(func() { close(t.resizing) })
		}
		<-ctx.Done()
		return nil, ctx.Err()
	}
	time.Sleep(time.Millisecond)
	return aslrt.ObjectOf(aslrt.Member{Key: "key", Value: field(in, "key")}, aslrt.Member{Key: "resized", Value: true}), nil
}

func (t *tasks) GenerateThumbnail(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return aslrt.ObjectOf(
		aslrt.Member{Key: "key", Value: field(in, "key")},
		aslrt.Member{Key: "thumbnail", Value: "thumbs/" + field(in, "key").(string)},
	), nil
}

func (t *tasks) UpdateMetadata(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	t.inFlight.Add(-1)
	return in, nil
}

func (t *tasks) NotifyComplete(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	images, _ := field(in, "processedImages").([]aslrt.Value)
	thumbs := make([]aslrt.Value, len(images))
	for i, im := range images {
		thumbs[i] = field(im, "thumbnail")
	}
	return aslrt.ObjectOf(aslrt.Member{Key: "count", Value: int64(len(images))}, aslrt.Member{Key: "thumbnails", Value: thumbs}), nil
}

// TestRun: 25 images, at most 10 at a time (MaxConcurrency, A13.11), the
// results in input order (A13.5).
func TestRun(t *testing.T) {
	tk := &tasks{}
	goldentest.Check(t, imagebatch.New(tk, aslrt.WithVirtualTime(goldentest.Start)).Run)
	if most := tk.most.Load(); most > 10 {
		t.Errorf("%d images in flight at once, want at most 10", most)
	}
	t.Logf("at most %d images in flight", tk.most.Load())
}

// TestCancelMidMap cancels the execution while ten iterations are running
// and more are waiting: Run returns ABORTED, and no goroutine outlives it
// (goleak checks at the end of the package's tests).
func TestCancelMidMap(t *testing.T) {
	tk := &tasks{block: 10, resizing: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := imagebatch.New(tk)
	in, err := aslrt.DecodeString(goldentest.ReadFile(t, "input.json"))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := m.Run(ctx, in)
		done <- err
	}()
	select {
	case <-tk.resizing:
	case <-time.After(10 * time.Second):
		t.Fatal("the iterations did not start")
	}
	cancel()
	select {
	case err := <-done:
		if got := aslrt.StatusOf(err); got != aslrt.StatusAborted {
			t.Errorf("status = %s (%v), want ABORTED", got, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after the cancellation")
	}
	if n := tk.started.Load(); n != 10 {
		t.Errorf("%d iterations started, want 10 (MaxConcurrency)", n)
	}
}
