package orderbatch

//go:generate go tool aslc gen orderbatch.asl.json

import (
	"context"
	_ "embed"
	"fmt"
	"math"

	aslrt "github.com/aslc/aslc/runtime"
)

// The hand-written side of the example: the Task state of
// orderbatch.asl.json in Go. The Map's ItemSelector gives every iteration
// its order together with the batch's shared configuration and id.
// orderbatch.go is generated from the definition; run "go generate" after
// changing it.

//go:embed input.json
var sampleInput string

// SampleInput returns the batch in input.json.
func SampleInput() aslrt.Value { return aslrt.MustDecode(sampleInput) }

// Order is one element of $.orders.
type Order struct {
	OrderID  string  `json:"orderId"`
	Customer string  `json:"customer"`
	Subtotal float64 `json:"subtotal"`
}

// Config is $.processingConfig, shared by every order of the batch.
type Config struct {
	Currency         string  `json:"currency"`
	TaxRate          float64 `json:"taxRate"`
	FreeShippingFrom float64 `json:"freeShippingFrom"`
	ShippingFee      float64 `json:"shippingFee"`
}

// Selected is what the ItemSelector makes of one order: the input of
// ProcessOrder.
type Selected struct {
	Order   Order  `json:"order"`
	Index   int    `json:"index"`
	Config  Config `json:"config"`
	BatchID string `json:"batchId"`
}

// Invoice is the output of ProcessOrder, one element of the Map's output.
type Invoice struct {
	InvoiceNo string  `json:"invoiceNo"`
	OrderID   string  `json:"orderId"`
	Customer  string  `json:"customer"`
	Subtotal  float64 `json:"subtotal"`
	Shipping  float64 `json:"shipping"`
	Tax       float64 `json:"tax"`
	Total     float64 `json:"total"`
	Currency  string  `json:"currency"`
}

// Billing implements Tasks: it turns an order into an invoice with the
// batch's configuration. It holds no state.
type Billing struct{}

var _ Tasks = Billing{}

// ProcessOrder invoices one order: shipping unless the subtotal reaches
// FreeShippingFrom, tax on subtotal and shipping, in cents. The invoice
// number is the batch id and the order's position in the batch.
func (Billing) ProcessOrder(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	s, err := aslrt.As[Selected](in)
	if err != nil {
		return nil, err
	}
	c := s.Config
	switch {
	case c.Currency == "":
		return nil, aslrt.NewError("InvalidConfig", "the processing configuration names no currency")
	case c.TaxRate < 0 || c.TaxRate > 1:
		return nil, aslrt.Errorf("InvalidConfig", "tax rate %v is not between 0 and 1", c.TaxRate)
	case s.Order.Subtotal <= 0:
		return nil, aslrt.Errorf("InvalidOrder", "order %s has subtotal %v", s.Order.OrderID, s.Order.Subtotal)
	}
	subtotal := cents(s.Order.Subtotal)
	shipping := 0
	if subtotal < cents(c.FreeShippingFrom) {
		shipping = cents(c.ShippingFee)
	}
	tax := int(math.Round(float64(subtotal+shipping) * c.TaxRate))
	return Invoice{
		InvoiceNo: fmt.Sprintf("%s-%03d", s.BatchID, s.Index+1),
		OrderID:   s.Order.OrderID,
		Customer:  s.Order.Customer,
		Subtotal:  amount(subtotal),
		Shipping:  amount(shipping),
		Tax:       amount(tax),
		Total:     amount(subtotal + shipping + tax),
		Currency:  c.Currency,
	}, nil
}

func cents(a float64) int { return int(math.Round(a * 100)) }

func amount(cents int) float64 { return float64(cents) / 100 }
