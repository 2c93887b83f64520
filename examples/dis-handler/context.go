package dishandler

import "github.com/disload/disload/inproc"

// RuntimeContext is the FunctionGraph Go runtime's context.RuntimeContext.
// The runtime module is not on the module proxy, so this example uses
// disload's copy of the interface (the same methods). In the deployed
// function, import the runtime's go-api/context, write
// context.RuntimeContext, and register the handler in main:
//
//	func main() { runtime.Register(dishandler.DisTest) }
type RuntimeContext = inproc.RuntimeContext
