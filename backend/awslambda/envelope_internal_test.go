package awslambda

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJavaHashMapOrder: AllHttpHeaders comes out in the order the corpus
// records for a Lambda response (lambda-invoke--invoke and the other
// lambda-invoke cases), which is a java.util.HashMap's.
func TestJavaHashMapOrder(t *testing.T) {
	sorted := []string{"Connection", "Content-Length", "Content-Type", "Date", "X-Amz-Executed-Version", "x-amzn-Remapped-Content-Length", "x-amzn-RequestId", "X-Amzn-Trace-Id"}
	want := []string{"X-Amz-Executed-Version", "x-amzn-Remapped-Content-Length", "Connection", "x-amzn-RequestId", "Content-Length", "Date", "X-Amzn-Trace-Id", "Content-Type"}
	if diff := cmp.Diff(want, javaHashMapOrder(sorted)); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestJavaStringHash(t *testing.T) {
	// String.hashCode: s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units.
	tests := []struct {
		s    string
		want int32
	}{
		{"", 0}, {"a", 97}, {"Date", 2122702}, {"Connection", 1217813246}, {"é", 233}, {"😀", 1772899},
	}
	for _, tt := range tests {
		if got := int32(javaStringHash(tt.s)); got != tt.want {
			t.Errorf("hash(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
