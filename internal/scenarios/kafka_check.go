package scenarios

import "github.com/disload/disload/internal/generator"

// checkKafkaStream reports Kafka settings given to a DIS stream, where they
// would be silently ignored. The generator checks the settings themselves
// (topics listed twice, batch.size above 1,000).
func (s *Scenario) checkKafkaStream(c *checker) {
	st := s.Stream
	if st.Type != generator.StreamDIS {
		return
	}
	for _, f := range []struct {
		field string
		set   bool
	}{{"stream.topics", len(st.Topics) > 0}, {"stream.region", st.Region != ""}, {"stream.instance_id", st.InstanceID != ""}} {
		if f.set {
			c.add(f.field, "applies to stream.type kafka or rocketmq; this stream is dis")
		}
	}
}
