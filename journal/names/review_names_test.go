package names

import "testing"

func TestNameCheckRefusesDeviceNames(t *testing.T) {
	for _, name := range []string{"con", "CON", "Nul", "aux.journal", "com1", "LPT9", "prn .x"} {
		got, err := Check(name)
		if err == nil {
			t.Errorf("Check(%q) = %q, want it refused: it can't be a folder on Windows", name, got)
		} else if m := err.Error(); m[len(m)-1] != '.' {
			t.Errorf("%q is not a plain sentence", m)
		}
	}
	for _, name := range []string{"console", "conference notes", "com10", "nullish", "Connor"} {
		if _, err := Check(name); err != nil {
			t.Errorf("Check(%q): %v, want it kept", name, err)
		}
	}
}
