package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// builtinFS holds the built-in scenarios, one commented file each.
//
//go:embed builtin/*.yaml
var builtinFS embed.FS

// BuiltinNames lists the built-in scenarios: "default" first, then the
// others in alphabetical order.
func BuiltinNames() []string {
	entries, _ := fs.ReadDir(builtinFS, "builtin") // embedded: cannot fail
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && name != DefaultBuiltin {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return append([]string{DefaultBuiltin}, names...)
}

// BuiltinYAML returns the file of a built-in scenario, comments included
// (`disload scenarios show NAME` prints it).
func BuiltinYAML(name string) ([]byte, error) {
	if !slices.Contains(BuiltinNames(), name) {
		return nil, fmt.Errorf("no built-in scenario %q%s (built-ins: %s)", name,
			suggest(name, BuiltinNames()), strings.Join(BuiltinNames(), ", "))
	}
	return builtinFS.ReadFile("builtin/" + name + ".yaml")
}

// Builtin loads a built-in scenario, with the overrides applied; its
// Source is "builtin:NAME".
func Builtin(name string, ovs ...Override) (*Scenario, error) {
	data, err := BuiltinYAML(name)
	if err != nil {
		return nil, err
	}
	return Parse("builtin:"+name, data, ovs...)
}

// Resolve finds the scenario a command-line argument names: "" is the
// built-in default, an existing file is loaded, and otherwise it must be a
// built-in's name. The overrides (command-line settings) are applied before
// the scenario is checked.
func Resolve(arg string, ovs ...Override) (*Scenario, error) {
	if arg == "" {
		return Builtin(DefaultBuiltin, ovs...)
	}
	fi, err := os.Stat(arg)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("scenario %q is a directory, not a YAML file", arg)
	case err == nil:
		return Load(arg, ovs...)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	case slices.Contains(BuiltinNames(), arg):
		return Builtin(arg, ovs...)
	}
	return nil, fmt.Errorf("scenario %q: no such file, nor a built-in scenario%s (built-ins: %s)",
		arg, suggest(arg, BuiltinNames()), strings.Join(BuiltinNames(), ", "))
}
