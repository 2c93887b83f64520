package httptarget

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// config builds the TLS configuration, reporting every problem; nil when
// no option is set (Go's defaults apply).
func (o TLSOptions) config() (*tls.Config, error) {
	if o == (TLSOptions{}) {
		return nil, nil
	}
	cfg := &tls.Config{
		InsecureSkipVerify: o.InsecureSkipVerify, // only when the user asks for it
		ServerName:         o.ServerName,
		MinVersion:         tls.VersionTLS12,
	}
	var errs []error
	if o.CAFile != "" {
		pool, err := loadCAs(o.CAFile)
		cfg.RootCAs = pool
		errs = append(errs, err)
	}
	if (o.CertFile == "") != (o.KeyFile == "") {
		errs = append(errs, errors.New("tls: a client certificate needs both cert_file and key_file"))
	} else if o.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(o.CertFile, o.KeyFile)
		if err != nil {
			errs = append(errs, fmt.Errorf("tls: cert_file/key_file: %w", err))
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return cfg, nil
}

func loadCAs(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tls: ca_file: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("tls: ca_file: %s: no PEM certificate in it", path)
	}
	return pool, nil
}
