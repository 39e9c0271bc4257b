package imagebatch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/examples/imagebatch"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func printJSON(v any) {
	val, err := aslrt.FromGo(v)
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	if err := json.Indent(&b, aslrt.Encode(val), "", "  "); err != nil {
		panic(err)
	}
	fmt.Println(b.String())
}

// The Map runs ResizeImage → GenerateThumbnail → UpdateMetadata for each
// image, at most 10 at a time, and puts the results, in the order of the
// images, at $.processedImages for NotifyComplete.
func Example() {
	m := imagebatch.New(imagebatch.NewStudio())
	out, err := m.Run(context.Background(), imagebatch.SampleInput())
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	printJSON(out)
	// Output:
	// {
	//   "bucket": "uploads",
	//   "processed": 3,
	//   "savedBytes": 7138420,
	//   "thumbnails": [
	//     "thumbnails/photos/cat.jpg",
	//     "thumbnails/photos/dog.png",
	//     "thumbnails/photos/beach.jpg"
	//   ]
	// }
}

// UpdateMetadata recorded every image in the studio's catalog.
func ExampleStudio_Catalog() {
	studio := imagebatch.NewStudio()
	if _, err := imagebatch.New(studio).Run(context.Background(), imagebatch.SampleInput()); err != nil {
		fmt.Println("failed:", err)
		return
	}
	for _, p := range studio.Catalog() {
		fmt.Printf("%-17s %4dx%-4d %7d bytes, thumbnail %dx%d\n", p.Key, p.Resized.Width, p.Resized.Height, p.Resized.Bytes, p.Thumbnail.Width, p.Thumbnail.Height)
	}
	// Output:
	// photos/beach.jpg  1920x640   536871 bytes, thumbnail 256x85
	// photos/cat.jpg    1920x1440  713317 bytes, thumbnail 256x192
	// photos/dog.png    1200x1600 1048576 bytes, thumbnail 192x256
}

// An iteration that fails fails the Map state, which has no Catch: the
// execution fails with the task's error.
func Example_unsupportedFormat() {
	in := imagebatch.SampleInput()
	images, _ := in.(*aslrt.Object).Get("images")
	in.(*aslrt.Object).Set("images", append(images.([]aslrt.Value), aslrt.MustDecode(`{"key": "photos/anim.gif", "width": 320, "height": 240, "bytes": 90000}`)))
	_, err := imagebatch.New(imagebatch.NewStudio()).Run(context.Background(), in)
	var e *aslrt.Error
	if errors.As(err, &e) {
		fmt.Println(aslrt.StatusOf(err))
		fmt.Println(e.Name)
		fmt.Println(e.Cause)
	}
	// Output:
	// FAILED
	// UnsupportedFormat
	// photos/anim.gif: only JPEG, PNG and WebP images are resized
}

func batch(n int) *aslrt.Object {
	images := make([]aslrt.Value, n)
	for i := range images {
		images[i] = aslrt.MustFromGo(imagebatch.Image{Key: fmt.Sprintf("photos/%03d.jpg", i), Width: 3000, Height: 2000, Bytes: 1 << 20})
	}
	return aslrt.ObjectOf(aslrt.Member{Key: "bucket", Value: "uploads"}, aslrt.Member{Key: "images", Value: images})
}

// TestVirtualTime: with resizing taking a minute of the execution's
// clock, 25 images at most 10 at a time take three rounds, three virtual
// minutes, and no real time.
func TestVirtualTime(t *testing.T) {
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := aslrt.NewVirtualClock(start)
	studio := imagebatch.NewStudio()
	studio.Work = time.Minute
	out, err := imagebatch.New(studio, aslrt.WithClock(clock)).Run(context.Background(), batch(25))
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := aslrt.As[imagebatch.Report](out); r.Processed != 25 {
		t.Errorf("processed %d images, want 25", r.Processed)
	}
	if got := clock.Now().Sub(start); got != 3*time.Minute {
		t.Errorf("the batch took %v of virtual time, want 3m0s", got)
	}
}

// TestAtMostTenAtATime: with real time, no more than MaxConcurrency (10)
// images are resized at once.
func TestAtMostTenAtATime(t *testing.T) {
	studio := imagebatch.NewStudio()
	studio.Work = 2 * time.Millisecond
	if _, err := imagebatch.New(studio).Run(context.Background(), batch(60)); err != nil {
		t.Fatal(err)
	}
	if n := studio.MaxInFlight(); n > 10 || n < 1 {
		t.Errorf("%d images resized at once, want 1 to 10", n)
	}
	if n := len(studio.Catalog()); n != 60 {
		t.Errorf("catalog holds %d images, want 60", n)
	}
}
