package aslrt

// Stopped returns the error that stops the work of this scope when its
// context is done (the execution was aborted or timed out, or a sibling
// branch failed), and nil otherwise. Work that ends early because the
// context is done, such as a JSONata evaluation, returns it instead of its
// own error, so that the execution stops rather than fails.
func (x *Exec) Stopped() error {
	if x.ctx.Err() != nil {
		return x.halt()
	}
	return nil
}
