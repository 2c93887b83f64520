// Command disload is a load generator and benchmark harness for
// stream-triggered FunctionGraph functions; see the cli package and
// README.md.
package main

import (
	"os"

	"github.com/disload/disload/cli"
)

func main() { os.Exit(cli.Main()) }
