//go:build !unix

package function

// reaper does nothing where process groups do not exist.
type reaper struct{}

func (*reaper) add(int)    {}
func (*reaper) remove(int) {}
func (*reaper) stop()      {}
