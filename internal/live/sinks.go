package live

import (
	"errors"
	"net/url"
	"strconv"
)

// newSinks opens the push sinks cfg asks for.
func newSinks(cfg Config) ([]sink, error) {
	var out []sink
	if cfg.RemoteWrite != "" {
		rw, err := newRemoteWrite(cfg.RemoteWrite)
		if err != nil {
			return nil, err
		}
		out = append(out, rw)
	}
	if cfg.OTLP != "" {
		o, err := newOTLP(cfg.OTLP)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// checkURL accepts an absolute http or https URL with a host.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return errors.New("want an http:// or https:// URL")
	}
	if u.Host == "" {
		return errors.New("the URL has no host")
	}
	return nil
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
