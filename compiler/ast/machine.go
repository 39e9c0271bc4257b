package ast

// Machine is a state machine: the whole definition, one Parallel branch, or
// a Map state's item processor (ItemProcessor or the legacy Iterator).
type Machine struct {
	Pos     Pos
	Pointer string // "" for the top level, "/States/P/Branches[0]" for a branch
	Comment *StringField
	StartAt *StringField
	// States are the machine's own states in source order (not those of
	// nested branches and processors).
	States []State
	// StatesPos is the position of the States object, when present.
	StatesPos *Pos
	// Version, TimeoutSeconds and QueryLanguage are top-level fields only.
	Version        *StringField
	TimeoutSeconds *NumberField
	QueryLanguage  *StringField
	// ProcessorConfig is set only on a Map state's ItemProcessor.
	ProcessorConfig *ProcessorConfig
	// Raw is the machine object as written.
	Raw *JSON

	index map[string]State
}

// State returns the state of this machine (not of a nested one) named name,
// or nil.
func (m *Machine) State(name string) State {
	if m == nil {
		return nil
	}
	if m.index != nil {
		return m.index[name]
	}
	for _, s := range m.States {
		if s.Base().Name == name {
			return s
		}
	}
	return nil
}

// Reindex makes State fast; call it after changing States. The parser
// calls it for every machine it builds.
func (m *Machine) Reindex() {
	m.index = make(map[string]State, len(m.States))
	for _, s := range m.States {
		if _, dup := m.index[s.Base().Name]; !dup {
			m.index[s.Base().Name] = s
		}
	}
}

// ProcessorConfig is a Map item processor's ProcessorConfig.
type ProcessorConfig struct {
	Pos     Pos
	Pointer string
	// Mode is INLINE (the default) or DISTRIBUTED.
	Mode *StringField
	// ExecutionType is STANDARD or EXPRESS (DISTRIBUTED mode only).
	ExecutionType *StringField
	Raw           *JSON
}

// Distributed reports whether the processor runs in DISTRIBUTED mode.
func (c *ProcessorConfig) Distributed() bool {
	return c != nil && c.Mode != nil && c.Mode.Value == "DISTRIBUTED"
}

// Query languages.
const (
	JSONPath = "JSONPath"
	JSONata  = "JSONata"
)
