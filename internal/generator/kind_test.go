package generator

import "testing"

func TestKeyNames(t *testing.T) {
	for _, c := range []struct {
		k    kindID
		i    int
		want string
	}{
		{idClick, 42, "user-000042"}, {idTransaction, 0, "acct-000000"}, {idLocation, 999999, "dev-999999"},
		{idCustom, 1234567, "key-1234567"}, {idLog, 3, "catalog-00003"},
	} {
		if got := keyName(c.k, c.i); got != c.want || !isPlain(got) {
			t.Errorf("keyName(%d, %d) = %q, want %q", c.k, c.i, got, c.want)
		}
	}
	if len(kindIDs) != int(numKinds) || len(Kinds) != int(numKinds) {
		t.Error("kinds and kind ids disagree")
	}
}
