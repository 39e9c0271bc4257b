package conformance

import (
	"errors"
	"os"
	"path/filepath"
)

// ModuleRoot returns the directory of the go.mod that encloses the working
// directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("conformance: no go.mod above the working directory")
		}
		dir = parent
	}
}

// DefaultCorpusDir is the public corpus: ../shared/conformance beside the
// module root.
func DefaultCorpusDir() (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "..", "shared", "conformance"), nil
}
