package imagebatch

//go:generate go tool aslc gen imagebatch.asl.json

import (
	"cmp"
	"context"
	_ "embed"
	"math"
	"path"
	"slices"
	"sync"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
)

// The hand-written side of the example: the Task states of
// imagebatch.asl.json in Go, with image processing reduced to the
// arithmetic of sizes. imagebatch.go is generated from the definition;
// run "go generate" after changing it.

//go:embed input.json
var sampleInput string

// SampleInput returns the batch in input.json: three uploaded images.
func SampleInput() aslrt.Value { return aslrt.MustDecode(sampleInput) }

// Image is one item of $.images, the input of ResizeImage.
type Image struct {
	Key    string `json:"key"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Bytes  int64  `json:"bytes"`
}

// Rendition is a stored version of an image.
type Rendition struct {
	Key    string `json:"key"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Bytes  int64  `json:"bytes"`
}

// Resized is the output of ResizeImage and the input of GenerateThumbnail.
type Resized struct {
	Key     string    `json:"key"`
	Bytes   int64     `json:"bytes"`
	Resized Rendition `json:"resized"`
}

// Thumbnailed is the output of GenerateThumbnail and the input of
// UpdateMetadata.
type Thumbnailed struct {
	Resized
	Thumbnail Rendition `json:"thumbnail"`
}

// Processed is the output of UpdateMetadata, one element of
// $.processedImages.
type Processed struct {
	Key       string    `json:"key"`
	Status    string    `json:"status"`
	Resized   Rendition `json:"resized"`
	Thumbnail Rendition `json:"thumbnail"`
}

// Report is the output of NotifyComplete, the execution's output.
type Report struct {
	Bucket     string   `json:"bucket"`
	Processed  int      `json:"processed"`
	SavedBytes int64    `json:"savedBytes"`
	Thumbnails []string `json:"thumbnails"`
}

// Studio implements Tasks: it "resizes" images to fit a box, makes
// thumbnails, and keeps the metadata of processed images in memory. It is
// safe for concurrent use, as the Map's iterations need.
type Studio struct {
	// MaxSide is the largest width or height of a resized image, Thumb
	// that of a thumbnail.
	MaxSide, Thumb int
	// Work is how long resizing an image takes, on the execution's
	// clock (no real time with a virtual clock).
	Work time.Duration

	mu          sync.Mutex
	catalog     map[string]Processed
	inFlight    int
	maxInFlight int
}

var _ Tasks = (*Studio)(nil)

// NewStudio returns a Studio that resizes to 1920 pixels and makes
// 256-pixel thumbnails.
func NewStudio() *Studio {
	return &Studio{MaxSide: 1920, Thumb: 256, catalog: map[string]Processed{}}
}

// ResizeImage scales an image down to fit MaxSide, keeping its aspect
// ratio; smaller images keep their size.
func (s *Studio) ResizeImage(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	img, err := aslrt.As[Image](in)
	if err != nil {
		return nil, err
	}
	if img.Width <= 0 || img.Height <= 0 {
		return nil, aslrt.Errorf("InvalidImage", "%s has no size (%dx%d)", img.Key, img.Width, img.Height)
	}
	switch path.Ext(img.Key) {
	case ".jpg", ".jpeg", ".png", ".webp":
	default:
		return nil, aslrt.Errorf("UnsupportedFormat", "%s: only JPEG, PNG and WebP images are resized", img.Key)
	}
	s.enter()
	defer s.exit()
	if err := aslrt.Sleep(ctx, s.Work); err != nil {
		return nil, err
	}
	r := fit(img, s.MaxSide, "resized/")
	return Resized{Key: img.Key, Bytes: img.Bytes, Resized: r}, nil
}

// GenerateThumbnail makes a thumbnail that fits Thumb from the resized
// image.
func (s *Studio) GenerateThumbnail(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	r, err := aslrt.As[Resized](in)
	if err != nil {
		return nil, err
	}
	src := Image{Key: r.Key, Width: r.Resized.Width, Height: r.Resized.Height, Bytes: r.Resized.Bytes}
	return Thumbnailed{Resized: r, Thumbnail: fit(src, s.Thumb, "thumbnails/")}, nil
}

// UpdateMetadata records a processed image in the catalog.
func (s *Studio) UpdateMetadata(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	t, err := aslrt.As[Thumbnailed](in)
	if err != nil {
		return nil, err
	}
	p := Processed{Key: t.Key, Status: "PROCESSED", Resized: t.Resized.Resized, Thumbnail: t.Thumbnail}
	s.mu.Lock()
	s.catalog[p.Key] = p
	s.mu.Unlock()
	return p, nil
}

// NotifyComplete reports on the batch: how many images, the bytes the
// resizing saved, and the thumbnails in the order of the upload.
func (s *Studio) NotifyComplete(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	var batch struct {
		Bucket    string      `json:"bucket"`
		Images    []Image     `json:"images"`
		Processed []Processed `json:"processedImages"`
	}
	if err := aslrt.ToGo(in, &batch); err != nil {
		return nil, err
	}
	r := Report{Bucket: batch.Bucket, Processed: len(batch.Processed), Thumbnails: []string{}}
	for i, p := range batch.Processed {
		r.SavedBytes += batch.Images[i].Bytes - p.Resized.Bytes
		r.Thumbnails = append(r.Thumbnails, p.Thumbnail.Key)
	}
	return r, nil
}

// Catalog returns the metadata recorded so far, by key.
func (s *Studio) Catalog() []Processed {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Processed, 0, len(s.catalog))
	for _, p := range s.catalog {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Processed) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

// MaxInFlight is the largest number of images resized at the same time.
func (s *Studio) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInFlight
}

func (s *Studio) enter() {
	s.mu.Lock()
	s.inFlight++
	s.maxInFlight = max(s.maxInFlight, s.inFlight)
	s.mu.Unlock()
}

func (s *Studio) exit() {
	s.mu.Lock()
	s.inFlight--
	s.mu.Unlock()
}

// fit scales img down to fit a side×side box, the bytes with the area.
func fit(img Image, side int, prefix string) Rendition {
	scale := min(1, float64(side)/float64(img.Width), float64(side)/float64(img.Height))
	return Rendition{
		Key:    prefix + img.Key,
		Width:  max(1, int(math.Round(float64(img.Width)*scale))),
		Height: max(1, int(math.Round(float64(img.Height)*scale))),
		Bytes:  int64(math.Round(float64(img.Bytes) * scale * scale)),
	}
}
