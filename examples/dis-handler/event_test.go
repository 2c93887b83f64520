package dishandler

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// TestDocumentedEvent decodes the platform's documented example event.
func TestDocumentedEvent(t *testing.T) {
	data, err := os.ReadFile("testdata/documented-event.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev DISTriggerEvent
	if err := json.Unmarshal(data, &ev); err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := range ev.Message.Records {
		b, err := ev.Message.Records[i].RawData()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(b))
	}
	if want := []string{"welcome", "using", "FunctionStage", "service"}; !slices.Equal(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
	want := "StreamName=dis-swtest ShardID=shardId-0000000000 Tag=latest records=4 next_partition_cursor=eyJnZXRJdGVyYXRv..."
	if s := ev.String(); s != want {
		t.Errorf("String() = %q\nwant       %q", s, want)
	}
}
