package scenarios

import (
	"fmt"
	"os"
)

// CheckFiles checks the files the target will open when the run starts:
// a function's binary (a regular, executable file) and the TLS files of an
// https target (readable). Load does not, so that a scenario can be
// checked and printed on another machine; `disload run --dry-run` does.
// Every problem names its field.
func (s *Scenario) CheckFiles() error {
	var errs ErrorList
	add := func(field, path string, exec bool) {
		if path == "" {
			return
		}
		if msg := fileProblem(path, exec); msg != "" {
			errs = append(errs, &Error{Field: field, Msg: msg})
		}
	}
	t := s.Target
	switch {
	case t.Type == TargetFunction && t.isCodeFolder():
		check := checkFolder
		if t.Runtime == "" {
			check = checkPackage
		}
		if msg := check(t.Path); msg != "" {
			errs = append(errs, &Error{Field: "target.path", Msg: msg})
		}
	case t.Type == TargetFunction && t.Runtime == RuntimeImage: // an image reference, not a file
	case t.Type == TargetFunction:
		add("target.path", t.Path, true)
	}
	add("target.tls.ca_file", t.TLS.CAFile, false)
	add("target.tls.cert_file", t.TLS.CertFile, false)
	add("target.tls.key_file", t.TLS.KeyFile, false)
	return errs.err()
}

// fileProblem says what is wrong with the file at path, or "".
func fileProblem(path string, exec bool) string {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return fmt.Sprintf("%s: %v", path, unwrapPath(err))
	case !fi.Mode().IsRegular():
		return fmt.Sprintf("%s is not a regular file", path)
	case exec && fi.Mode().Perm()&0o111 == 0:
		return fmt.Sprintf("%s is not executable (chmod +x)", path)
	}
	if !exec {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Sprintf("%s: %v", path, unwrapPath(err))
		}
		f.Close()
	}
	return ""
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
