package driver

import (
	"context"
	"sync"
	"time"
)

// virtualClock is a clock on which sleeping takes no real time: Sleep
// moves the clock forward by the duration at once.
type virtualClock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *virtualClock {
	return &virtualClock{now: time.Now().UTC()}
}

func (c *virtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *virtualClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return nil
}
