package jsonwalk

import (
	"reflect"
	"testing"
)

func TestWalkerObject(t *testing.T) {
	cases := []struct {
		name, in string
		wantOff  int
		wantSeen map[string]int
		wantKeys []string
		want     []Problem
	}{
		{"known keys, any case", ` {"a":1,"B":"x"}`, 1, map[string]int{"a": 2, "b": 8}, []string{"a", "b"}, nil},
		{"unknown key", `{"a":1,"zz":[1,2]}`, 0, map[string]int{"a": 1}, []string{"a"},
			[]Problem{{Path: "p.zz", Msg: "unknown key", Offset: 7}}},
		{"duplicate key", `{"a":1,"A":2}`, 0, map[string]int{"a": 1}, []string{"a"},
			[]Problem{{Path: "p.A", Msg: "duplicate key (first at byte 1)", Offset: 7}}},
		{"not an object", `[1]`, -1, nil, nil,
			[]Problem{{Path: "p", Msg: "want a JSON object, got an array", Offset: 0}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := &Walker{Scanner: Scanner{Data: []byte(c.in)}}
			var keys []string
			off, seen := w.Object("p", []string{"a", "b"}, func(name string, _ int) {
				keys = append(keys, name)
				w.Skip()
			})
			if off != c.wantOff || !reflect.DeepEqual(seen, c.wantSeen) || !reflect.DeepEqual(keys, c.wantKeys) {
				t.Errorf("off %d seen %v keys %v, want %d %v %v", off, seen, keys, c.wantOff, c.wantSeen, c.wantKeys)
			}
			if !reflect.DeepEqual(w.Problems, c.want) {
				t.Errorf("problems %+v, want %+v", w.Problems, c.want)
			}
			if w.Pos != len(c.in) {
				t.Errorf("stopped at %d of %d", w.Pos, len(c.in))
			}
		})
	}
}

func TestWalkerArray(t *testing.T) {
	cases := []struct {
		name, in, of string
		wantN        int
		want         []Problem
	}{
		{"elements", `[1, 2, 3]`, "", 3, nil},
		{"empty", ` []`, "", 0, []Problem{{Path: "p", Msg: "empty: holds one", Offset: 1}}},
		{"not an array", `{"a":1}`, " of strings", 0,
			[]Problem{{Path: "p", Msg: "want a JSON array of strings, got an object", Offset: 0}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := &Walker{Scanner: Scanner{Data: []byte(c.in)}}
			var idx []int
			n := w.Array("p", c.of, "holds one", func(i int) {
				idx = append(idx, i)
				w.Skip()
			})
			if n != c.wantN || len(idx) != c.wantN {
				t.Errorf("n %d, fn called for %v, want %d", n, idx, c.wantN)
			}
			if !reflect.DeepEqual(w.Problems, c.want) {
				t.Errorf("problems %+v, want %+v", w.Problems, c.want)
			}
			if w.Pos != len(c.in) {
				t.Errorf("stopped at %d of %d", w.Pos, len(c.in))
			}
		})
	}
}
