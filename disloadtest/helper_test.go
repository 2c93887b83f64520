package disloadtest

import (
	"fmt"
	"runtime"
	"testing"
)

// fakeTB records a test's failure instead of failing the real test.
type fakeTB struct {
	testing.TB
	failed string
}

func (f *fakeTB) Helper()      {}
func (f *fakeTB) Name() string { return "fake" }

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// fails runs fn with a fakeTB and returns the failure message ("" when fn
// did not fail).
func fails(fn func(tb testing.TB)) string {
	f := &fakeTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	return f.failed
}
