package httptarget

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
)

// pki is a test CA with a server certificate (127.0.0.1, disload.test) and
// a client certificate, written as PEM files.
type pki struct {
	caFile, certFile, keyFile string
	ca                        *x509.CertPool
	server                    tls.Certificate
}

func newPKI(t *testing.T) *pki {
	t.Helper()
	dir := t.TempDir()
	caKey, caCert, caDER := makeCert(t, nil, nil, &x509.Certificate{
		Subject: pkix.Name{CommonName: "disload test CA"}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign,
	})
	srvKey, _, srvDER := makeCert(t, caKey, caCert, &x509.Certificate{
		Subject: pkix.Name{CommonName: "disload.test"}, DNSNames: []string{"disload.test"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	cliKey, _, cliDER := makeCert(t, caKey, caCert, &x509.Certificate{
		Subject: pkix.Name{CommonName: "disload client"}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
	p := &pki{caFile: filepath.Join(dir, "ca.pem"), certFile: filepath.Join(dir, "client.pem"), keyFile: filepath.Join(dir, "client-key.pem")}
	writePEM(t, p.caFile, "CERTIFICATE", caDER)
	writePEM(t, p.certFile, "CERTIFICATE", cliDER)
	writePEM(t, p.keyFile, "EC PRIVATE KEY", marshalKey(t, cliKey))
	p.ca = x509.NewCertPool()
	p.ca.AddCert(caCert)
	p.server = tls.Certificate{Certificate: [][]byte{srvDER}, PrivateKey: srvKey}
	return p
}

var serial int64

func makeCert(t *testing.T, parentKey *ecdsa.PrivateKey, parent, tmpl *x509.Certificate) (*ecdsa.PrivateKey, *x509.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial++
	tmpl.SerialNumber = big.NewInt(serial)
	tmpl.NotBefore, tmpl.NotAfter = time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return key, cert, der
}

func marshalKey(t *testing.T, k *ecdsa.PrivateKey) []byte {
	b, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writePEM(t *testing.T, path, typ string, der []byte) {
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

func tlsServer(t *testing.T, p *pki, clientAuth tls.ClientAuthType) *httptest.Server {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{p.server}, ClientAuth: clientAuth, ClientCAs: p.ca}
	srv.Config.ErrorLog = quietLog()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestTLS(t *testing.T) {
	p := newPKI(t)
	plain := tlsServer(t, p, tls.NoClientCert)
	mutual := tlsServer(t, p, tls.RequireAndVerifyClientCert)
	for _, tc := range []struct {
		name  string
		url   string
		opts  TLSOptions
		class harness.Class
		msg   string
	}{
		{"test CA", plain.URL, TLSOptions{CAFile: p.caFile}, "", ""},
		{"system roots", plain.URL, TLSOptions{}, ClassConnect, "certificate signed by unknown authority"},
		{"insecure", plain.URL, TLSOptions{InsecureSkipVerify: true}, "", ""},
		{"server name", plain.URL, TLSOptions{CAFile: p.caFile, ServerName: "disload.test"}, "", ""},
		{"wrong server name", plain.URL, TLSOptions{CAFile: p.caFile, ServerName: "other.test"}, ClassConnect, "other.test"},
		{"mutual without a client cert", mutual.URL, TLSOptions{CAFile: p.caFile}, ClassConnect, "certificate"},
		{"mutual", mutual.URL, TLSOptions{CAFile: p.caFile, CertFile: p.certFile, KeyFile: p.keyFile}, "", ""},
	} {
		tgt, err := New(tc.url, Options{TLS: tc.opts})
		if err != nil {
			t.Fatalf("%s: New: %v", tc.name, err)
		}
		out := tgt.Invoke(context.Background(), &harness.Event{Payload: []byte("{}")})
		if out.Class != tc.class || !strings.Contains(out.Message, tc.msg) {
			t.Errorf("%s: Invoke = %+v; want class %q, message containing %q", tc.name, out, tc.class, tc.msg)
		}
		tgt.Close()
	}
}

func TestTLSOptionErrors(t *testing.T) {
	p := newPKI(t)
	notPEM := filepath.Join(t.TempDir(), "not.pem")
	if err := os.WriteFile(notPEM, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		opts TLSOptions
		want []string
	}{
		{TLSOptions{CAFile: "/nonexistent/ca.pem"}, []string{"tls: ca_file: open /nonexistent/ca.pem"}},
		{TLSOptions{CAFile: notPEM}, []string{"tls: ca_file: " + notPEM + ": no PEM certificate in it"}},
		{TLSOptions{CertFile: p.certFile}, []string{"tls: a client certificate needs both cert_file and key_file"}},
		{TLSOptions{CertFile: p.certFile, KeyFile: notPEM, CAFile: notPEM}, []string{"no PEM certificate", "tls: cert_file/key_file:"}},
	} {
		_, err := New("https://127.0.0.1:1", Options{TLS: tc.opts})
		for _, w := range tc.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("New with %+v: error %v; want it to contain %q", tc.opts, err, w)
			}
		}
	}
}
