// API STUB written by the lead; the quantity helper replaces the bodies (keep the signatures).
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export class QuantityParseError extends Error {
  constructor(readonly input: string, message: string) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

/** An exact Kubernetes resource quantity (k8s.io/apimachinery/pkg/api/resource). Immutable. */
export class Quantity {
  private constructor(readonly format: QuantityFormat) {}
  static parse(_input: string): Quantity { throw new Error('not implemented'); }
  static zero(format: QuantityFormat = 'DecimalSI'): Quantity { return new Quantity(format); }
  add(_other: Quantity): Quantity { throw new Error('not implemented'); }
  sub(_other: Quantity): Quantity { throw new Error('not implemented'); }
  cmp(_other: Quantity): -1 | 0 | 1 { throw new Error('not implemented'); }
  sign(): -1 | 0 | 1 { throw new Error('not implemented'); }
  isZero(): boolean { throw new Error('not implemented'); }
  milliValue(): bigint { throw new Error('not implemented'); }
  value(): bigint { throw new Error('not implemented'); }
  toString(): string { throw new Error('not implemented'); }
}

export function parseQuantity(input: string): Quantity { return Quantity.parse(input); }
