package function

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		streak int
		want   time.Duration
	}{
		{0, 0},
		{1, 25 * time.Millisecond},
		{2, 50 * time.Millisecond},
		{5, 400 * time.Millisecond},
		{8, 3200 * time.Millisecond},
		{9, 5 * time.Second},
		{100, 5 * time.Second},
	}
	for _, tt := range tests {
		if got := (&slot{streak: tt.streak}).backoff(); got != tt.want {
			t.Errorf("backoff after %d failures = %v, want %v", tt.streak, got, tt.want)
		}
	}
}
