package order

//go:generate go tool aslc gen order.asl.json

import (
	"context"
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	aslrt "github.com/aslc/aslc/runtime"
)

// The hand-written side of the example: the Task states of order.asl.json
// implemented in Go. order.go is generated from the definition; run
// "go generate" after changing it.

//go:embed input.json
var sampleInput string

// SampleInput returns the order in input.json, a valid order for the
// stock of DefaultStock.
func SampleInput() aslrt.Value { return aslrt.MustDecode(sampleInput) }

// An Order is the workflow's input.
type Order struct {
	OrderID         string  `json:"orderId"`
	Customer        Party   `json:"customer"`
	Items           []Item  `json:"items"`
	Payment         Payment `json:"payment"`
	ShippingAddress Address `json:"shippingAddress"`
}

type Party struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

type Item struct {
	SKU      string  `json:"sku"`
	Quantity int     `json:"quantity"`
	Price    float64 `json:"price"`
}

type Payment struct {
	Method    string  `json:"method"`
	CardLast4 string  `json:"cardLast4"`
	Amount    float64 `json:"amount"`
}

type Address struct {
	Street     string `json:"street"`
	City       string `json:"city"`
	PostalCode string `json:"postalCode"`
	Country    string `json:"country"`
}

// PaymentCheck, InventoryCheck and AddressCheck are the results of the
// three branches of ValidateOrder, in the order of its Branches.
type PaymentCheck struct {
	Check           string  `json:"check"`
	AuthorizationID string  `json:"authorizationId"`
	Amount          float64 `json:"amount"`
}

type InventoryCheck struct {
	Check    string     `json:"check"`
	Reserved []Reserved `json:"reserved"`
}

type Reserved struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

type AddressCheck struct {
	Check string `json:"check"`
	Label string `json:"label"`
}

// Confirmation is the output of ProcessValidation, Rejection that of
// HandleValidationFailure.
type Confirmation struct {
	OrderID         string  `json:"orderId"`
	Status          string  `json:"status"`
	AuthorizationID string  `json:"authorizationId"`
	Units           int     `json:"units"`
	Total           float64 `json:"total"`
	ShipTo          string  `json:"shipTo"`
}

type Rejection struct {
	OrderID string `json:"orderId"`
	Status  string `json:"status"`
	Reason  string `json:"reason"`
}

// Shop implements Tasks in memory: a stock list and the countries it
// ships to. It is safe for concurrent use (the three checks run in
// parallel).
type Shop struct {
	stock     map[string]int
	countries []string
}

var _ Tasks = (*Shop)(nil)

// NewShop returns a Shop with the given stock (units by SKU) that ships to
// the countries given (ISO codes).
func NewShop(stock map[string]int, countries ...string) *Shop {
	return &Shop{stock: stock, countries: countries}
}

// DefaultStock is a small warehouse.
func DefaultStock() map[string]int {
	return map[string]int{"BOOK-42": 5, "PEN-3": 100, "LAMP-7": 0}
}

// ValidatePayment checks that the payment covers the items exactly and
// that a card payment names a card.
func (s *Shop) ValidatePayment(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	o, err := aslrt.As[Order](in)
	if err != nil {
		return nil, err
	}
	due := 0
	for _, it := range o.Items {
		due += it.Quantity * cents(it.Price)
	}
	switch {
	case o.Payment.Method != "card":
		return nil, aslrt.Errorf("PaymentDeclined", "payment method %q is not accepted", o.Payment.Method)
	case !cardEnding.MatchString(o.Payment.CardLast4):
		return nil, aslrt.Errorf("PaymentDeclined", "no valid card number ending")
	case cents(o.Payment.Amount) != due:
		return nil, aslrt.Errorf("PaymentDeclined", "the payment of %.2f does not match the order total %.2f", o.Payment.Amount, float64(due)/100)
	}
	return PaymentCheck{
		Check:           "payment",
		AuthorizationID: "AUTH-" + o.OrderID + "-" + o.Payment.CardLast4,
		Amount:          o.Payment.Amount,
	}, nil
}

// CheckInventory checks that every item is in stock.
func (s *Shop) CheckInventory(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	o, err := aslrt.As[Order](in)
	if err != nil {
		return nil, err
	}
	if len(o.Items) == 0 {
		return nil, aslrt.NewError("EmptyOrder", "the order has no items")
	}
	res := InventoryCheck{Check: "inventory"}
	for _, it := range o.Items {
		if have := s.stock[it.SKU]; it.Quantity > have {
			return nil, aslrt.Errorf("OutOfStock", "%s: %d ordered, %d in stock", it.SKU, it.Quantity, have)
		}
		res.Reserved = append(res.Reserved, Reserved{SKU: it.SKU, Quantity: it.Quantity})
	}
	return res, nil
}

// VerifyAddress checks that the address is complete and in a country the
// shop ships to.
func (s *Shop) VerifyAddress(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	o, err := aslrt.As[Order](in)
	if err != nil {
		return nil, err
	}
	a := o.ShippingAddress
	switch {
	case a.Street == "" || a.City == "" || a.PostalCode == "":
		return nil, aslrt.NewError("InvalidAddress", "the shipping address lacks a street, city or postal code")
	case !slices.Contains(s.countries, a.Country):
		return nil, aslrt.Errorf("InvalidAddress", "the shop does not ship to %q", a.Country)
	}
	return AddressCheck{Check: "address", Label: fmt.Sprintf("%s, %s %s, %s", a.Street, a.City, a.PostalCode, a.Country)}, nil
}

// ProcessValidation confirms an order that passed the three checks.
func (s *Shop) ProcessValidation(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	var v struct {
		Order
		// One result per branch: payment, inventory, address.
		ValidationResults []struct {
			AuthorizationID string  `json:"authorizationId"`
			Amount          float64 `json:"amount"`
			Label           string  `json:"label"`
		} `json:"validationResults"`
	}
	if err := aslrt.ToGo(in, &v); err != nil {
		return nil, err
	}
	if len(v.ValidationResults) != 3 {
		return nil, aslrt.Errorf("IncompleteValidation", "%d validation results, want 3", len(v.ValidationResults))
	}
	units := 0
	for _, it := range v.Items {
		units += it.Quantity
	}
	return Confirmation{
		OrderID:         v.OrderID,
		Status:          "CONFIRMED",
		AuthorizationID: v.ValidationResults[0].AuthorizationID,
		Units:           units,
		Total:           v.ValidationResults[0].Amount,
		ShipTo:          v.ValidationResults[2].Label,
	}, nil
}

// HandleValidationFailure rejects an order that failed a check; the
// Catch put the error under "error".
func (s *Shop) HandleValidationFailure(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	var v struct {
		OrderID string `json:"orderId"`
		Error   struct {
			Error string `json:"Error"`
			Cause string `json:"Cause"`
		} `json:"error"`
	}
	if err := aslrt.ToGo(in, &v); err != nil {
		return nil, err
	}
	reason := strings.TrimSuffix(v.Error.Error+": "+v.Error.Cause, ": ")
	return Rejection{OrderID: v.OrderID, Status: "REJECTED", Reason: reason}, nil
}

var cardEnding = regexp.MustCompile(`^[0-9]{4}$`)

// cents is an amount in cents.
func cents(amount float64) int { return int(math.Round(amount * 100)) }
