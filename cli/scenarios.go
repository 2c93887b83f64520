package cli

import (
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/disload/disload/internal/scenarios"
)

func newScenariosCmd(stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scenarios [list|show NAME]",
		Short: "List the built-in scenarios or print one as YAML",
		Long: `scenarios lists the built-in scenarios (default, clicks, transactions, logs,
locations, mixed). "scenarios show NAME" prints one as commented YAML: copy it
to a file, edit it, and run it with "disload run FILE".`,
		Example: `  disload scenarios
  disload scenarios show clicks > my-clicks.yaml`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return listScenarios(stdout) },
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "list",
		Short:   "List the built-in scenarios",
		Example: "  disload scenarios list",
		Args:    usageArgs(cobra.NoArgs),
		RunE:    func(*cobra.Command, []string) error { return listScenarios(stdout) },
	}, &cobra.Command{
		Use:     "show NAME",
		Short:   "Print a built-in scenario as YAML",
		Example: "  disload scenarios show transactions > my.yaml && disload run my.yaml",
		Args:    usageArgs(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			data, err := scenarios.BuiltinYAML(args[0])
			if err != nil {
				return err
			}
			_, err = stdout.Write(data)
			return err
		},
	})
	return cmd
}

func listScenarios(stdout io.Writer) error {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, name := range scenarios.BuiltinNames() {
		sc, err := scenarios.Builtin(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\n", name, sc.Description)
	}
	return tw.Flush()
}

// resolveScenario loads the scenario named by the optional argument (a YAML
// path, a built-in name, or none for the built-in default) with the flags'
// overrides applied. Problems that are all the flags' are usage errors.
func resolveScenario(args []string, ovs ...scenarios.Override) (*scenarios.Scenario, error) {
	arg := ""
	if len(args) > 0 {
		arg = args[0]
	}
	sc, err := scenarios.Resolve(arg, ovs...)
	var list scenarios.ErrorList
	if errors.As(err, &list) && list.FlagsOnly() {
		return nil, usageError{err}
	}
	return sc, err
}
