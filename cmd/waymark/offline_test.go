package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNothingCanReachTheNetwork holds Waymark to its promise that nothing
// leaves the computer: the program must not be built from any package
// that opens network connections. It fails the moment a dependency brings
// one in (as pflag once did, with package net).
func TestNothingCanReachTheNetwork(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	// The test runs in the package's folder, so "." is cmd/waymark.
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	var found []string
	for _, p := range deps {
		if networked(p) {
			found = append(found, p)
		}
	}
	if len(found) > 0 {
		t.Errorf("waymark is built from packages that can open network connections: %s\n"+
			"Find what brings them in with: go mod why -m MODULE, or go list -deps -f '{{.ImportPath}}: {{.Imports}}' ./cmd/waymark",
			strings.Join(found, ", "))
	}
	// A sanity check that the list is the program's.
	for _, want := range []string{"github.com/waymark-journal/waymark/store", "github.com/waymark-journal/waymark/tui", "go.etcd.io/bbolt"} {
		if !contains(deps, want) {
			t.Errorf("go list -deps does not list %s; is this the waymark command?", want)
		}
	}
}

// networked reports whether a package can open connections. net/url and
// net/netip only parse text, and are allowed.
func networked(p string) bool {
	switch {
	case p == "net/url", p == "net/netip":
		return false
	case p == "net", strings.HasPrefix(p, "net/"): // net/http…, net/rpc, net/smtp, net/mail, net/textproto
		return true
	case p == "crypto/tls", strings.HasPrefix(p, "crypto/tls/"):
		return true
	case strings.HasPrefix(p, "golang.org/x/net/"), p == "golang.org/x/net":
		return true
	case strings.HasPrefix(p, "google.golang.org/grpc"):
		return true
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestNetworkedPackages(t *testing.T) {
	for p, want := range map[string]bool{
		"net": true, "net/http": true, "net/http/httptrace": true, "net/rpc": true, "net/smtp": true,
		"crypto/tls": true, "golang.org/x/net/proxy": true,
		"net/url": false, "net/netip": false, "network": false, "crypto/sha256": false, "github.com/x/net": false,
	} {
		if got := networked(p); got != want {
			t.Errorf("networked(%q) = %v, want %v", p, got, want)
		}
	}
}
