// Mirrors k8s.io/apimachinery/pkg/api/resource quantity.go and amount.go: exact fixed-point
// quantities, parsed, compared, added and printed as Kubernetes does, never through a float.
import {
  clampInt64,
  decimalMagnitude,
  divPow10AwayFromZero,
  MAX_SAFE,
  isMultipleOfPow10,
  MAX_SAFE_BIG,
  MOST_NEGATIVE,
  MOST_POSITIVE,
  POW10,
  pow10Big,
  removeFactors,
  wrapInt32,
} from './math';
import { binarySuffix, decimalSuffix, exponentSuffix, interpretSuffix } from './suffix';

/** The three ways a quantity prints: `12e6`, `12Mi` (12 * 2^20), `12M` (12 * 10^6). */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export const ERR_FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** A string resource.ParseQuantity rejects; the message is Go's error text. */
export class QuantityParseError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

const NANO = -9;
const TWO_TO_63 = 2 ** 63;
const CHAR_PLUS = 43;
const CHAR_MINUS = 45;
const CHAR_DOT = 46;
const CHAR_0 = 48;
const CHAR_9 = 57;

/** The characters Go's scanner takes into a suffix before an optional sign and digits. */
const SUFFIX_CHARS = new Uint8Array(128);
for (const c of 'eEinumkKMGTP') SUFFIX_CHARS[c.charCodeAt(0)] = 1;

let make: (
  format: QuantityFormat,
  small: number,
  big: bigint | undefined,
  scale: number,
  cached: string | undefined,
) => Quantity;

/**
 * An exact Kubernetes resource quantity (k8s.io/apimachinery/pkg/api/resource). Immutable.
 *
 * The value is mantissa * 10^scale. The mantissa is kept as a number while it is a safe integer
 * and as a bigint beyond, so `100m` is (100, -3) and every common operation stays in doubles.
 * Parsing keeps a value down to nano, rounding a finer non-zero value away from zero: `0.9n` is
 * `1n`. Parsing also caps a BinarySI value at 2^63-1 (`8Ei` is 9223372036854775807); decimal
 * values are not capped.
 */
export class Quantity {
  static {
    make = (format, small, big, scale, cached) => new Quantity(format, small, big, scale, cached);
  }

  private constructor(
    readonly format: QuantityFormat,
    /** The mantissa while it is a safe integer; NaN when `big` holds it. */
    private readonly small: number,
    private readonly big: bigint | undefined,
    /** Powers of ten, as resource.Scale: 1E2 has scale 2. */
    private readonly scale: number,
    /** String() of this value; ParseQuantity sets it to the input when the input is canonical. */
    private cached: string | undefined,
  ) {}

  /** resource.ParseQuantity: `1.5Gi`, `250m`, `1e3`; no surrounding spaces. Throws QuantityParseError. */
  static parse(input: string): Quantity {
    return parseQuantity(input);
  }

  /** The zero quantity, printed `0`. */
  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return make(format, 0, undefined, 0, undefined);
  }

  /** resource.NewMilliQuantity: `fromMilli(1500)` is 1.5, printed `1500m`. */
  static fromMilli(milli: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return fromInteger(format, milli, -3);
  }

  /** resource.NewQuantity: `fromValue(1024, 'BinarySI')` prints `1Ki`. */
  static fromValue(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return fromInteger(format, value, 0);
  }

  /** resource.NewScaledQuantity (and NewDecimalQuantity for a format): value * 10^scale. */
  static fromScaled(value: bigint | number, scale: number, format: QuantityFormat = 'DecimalSI'): Quantity {
    if (!Number.isSafeInteger(scale)) throw new RangeError(`scale must be an integer, got ${scale}`);
    return fromInteger(format, value, scale);
  }

  /** Quantity.Add. The sum keeps the receiver's format, unless the receiver is zero. */
  add(other: Quantity): Quantity {
    return this.combine(other, false);
  }

  /** Quantity.Sub. The difference keeps the receiver's format, unless the receiver is zero. */
  sub(other: Quantity): Quantity {
    return this.combine(other, true);
  }

  /** Quantity.Neg, keeping the format. */
  neg(): Quantity {
    if (this.isZero())
      return this.cached === undefined ? this : make(this.format, 0, undefined, this.scale, undefined);
    return this.big === undefined
      ? make(this.format, -this.small, undefined, this.scale, undefined)
      : make(this.format, NaN, -this.big, this.scale, undefined);
  }

  /** Quantity.Cmp: -1, 0 or 1 as this is less than, equal to or greater than other. */
  cmp(other: Quantity): -1 | 0 | 1 {
    if (this.big === undefined && other.big === undefined) {
      const a = this.small;
      const b = other.small;
      if (this.scale === other.scale || a === 0 || b === 0 || a < 0 !== b < 0)
        return a < b ? -1 : a > b ? 1 : 0;
      // Same sign, both non-zero: line the larger scale up with the smaller. Once |mantissa| *
      // 10^d passes 2^53 it is larger in magnitude than any safe mantissa.
      if (this.scale > other.scale) {
        const d = this.scale - other.scale;
        if (d <= 15) {
          const aligned = a * POW10[d];
          if (Math.abs(aligned) <= MAX_SAFE) return aligned < b ? -1 : aligned > b ? 1 : 0;
        }
        return a < 0 ? -1 : 1;
      }
      const d = other.scale - this.scale;
      if (d <= 15) {
        const aligned = b * POW10[d];
        if (Math.abs(aligned) <= MAX_SAFE) return a < aligned ? -1 : a > aligned ? 1 : 0;
      }
      return b < 0 ? 1 : -1;
    }
    return cmpExact(this.mantissa(), this.scale, other.mantissa(), other.scale);
  }

  /** Quantity.Sign. */
  sign(): -1 | 0 | 1 {
    if (this.big !== undefined) return this.big < 0n ? -1 : 1;
    return this.small < 0 ? -1 : this.small > 0 ? 1 : 0;
  }

  /** Quantity.IsZero. */
  isZero(): boolean {
    return this.small === 0;
  }

  /**
   * Quantity.ScaledValue: the value in units of 10^scale, rounded away from zero, so a CPU of
   * `0.5m` has milli value 1 and `-9.01` has value -10. Where Go's int64 overflows (undefined
   * upstream) the result saturates at the int64 bounds.
   */
  scaledValue(scale: number): bigint {
    if (this.big === undefined) {
      const m = this.small;
      if (m === 0) return 0n;
      const d = this.scale - scale;
      if (d >= 0) {
        if (d <= 22) {
          const scaled = m * POW10[d];
          if (Math.abs(scaled) <= MAX_SAFE) return BigInt(scaled);
        }
      } else {
        return BigInt(divideAwayFromZero(m, -d));
      }
    }
    return scaledExact(this.mantissa(), this.scale - scale);
  }

  /** Quantity.MilliValue: ceil(q * 1000), away from zero for negatives; how CPU is compared. */
  milliValue(): bigint {
    return this.scaledValue(-3);
  }

  /** Quantity.Value: the value rounded up to a whole unit, away from zero for negatives. */
  value(): bigint {
    return this.scaledValue(0);
  }

  /** Number(milliValue()), computed in doubles when that is exact. */
  milliValueNumber(): number {
    return this.scaledNumber(-3);
  }

  /** Number(value()), computed in doubles when that is exact. */
  valueNumber(): number {
    return this.scaledNumber(0);
  }

  /**
   * Quantity.RoundUp: the value rounded away from zero to a multiple of 10^scale, and whether
   * that lost nothing. `9.01` rounded to scale 0 is 10, inexact.
   */
  roundUp(scale: number): { readonly quantity: Quantity; readonly exact: boolean } {
    if (this.scale >= scale) return { quantity: this, exact: true };
    const mantissa = this.mantissa();
    const rounded = divPow10AwayFromZero(mantissa, scale - this.scale);
    return {
      quantity: fromInteger(this.format, rounded, scale),
      exact: isMultipleOfPow10(mantissa, scale - this.scale),
    };
  }

  /**
   * Quantity.String: the canonical form (`1.5Gi` prints `1536Mi`, `1.08` prints `1080m`), or the
   * string this quantity was parsed from when ParseQuantity found it canonical already.
   */
  toString(): string {
    return (this.cached ??= this.canonicalize());
  }

  /** Quantity.MarshalJSON: the same string as toString(). */
  toJSON(): string {
    return this.toString();
  }

  private mantissa(): bigint {
    return this.big ?? BigInt(this.small);
  }

  private combine(y: Quantity, subtract: boolean): Quantity {
    const format = this.isZero() ? y.format : this.format;
    if (y.isZero()) {
      return this.cached === undefined && this.format === format
        ? this
        : make(format, this.small, this.big, this.scale, undefined);
    }
    if (this.isZero()) {
      if (subtract)
        return make(format, -y.small, y.big === undefined ? undefined : -y.big, y.scale, undefined);
      return y.cached === undefined && y.format === format
        ? y
        : make(format, y.small, y.big, y.scale, undefined);
    }
    if (this.big === undefined && y.big === undefined) {
      const a = this.small;
      const b = subtract ? -y.small : y.small;
      if (this.scale === y.scale) {
        const sum = a + b;
        if (Math.abs(sum) <= MAX_SAFE) return make(format, sum, undefined, this.scale, undefined);
      } else if (this.scale > y.scale) {
        const d = this.scale - y.scale;
        if (d <= 15) {
          const sum = a * POW10[d] + b;
          if (Math.abs(a * POW10[d]) <= MAX_SAFE && Math.abs(sum) <= MAX_SAFE) {
            return make(format, sum, undefined, y.scale, undefined);
          }
        }
      } else {
        const d = y.scale - this.scale;
        if (d <= 15) {
          const sum = a + b * POW10[d];
          if (Math.abs(b * POW10[d]) <= MAX_SAFE && Math.abs(sum) <= MAX_SAFE) {
            return make(format, sum, undefined, this.scale, undefined);
          }
        }
      }
    }
    const a = this.mantissa();
    const b = subtract ? -y.mantissa() : y.mantissa();
    if (this.scale === y.scale) return fromBigInt(format, a + b, this.scale);
    if (this.scale > y.scale) return fromBigInt(format, a * pow10Big(this.scale - y.scale) + b, y.scale);
    return fromBigInt(format, a + b * pow10Big(y.scale - this.scale), this.scale);
  }

  private scaledNumber(scale: number): number {
    if (this.big === undefined) {
      const m = this.small;
      if (m === 0) return 0;
      const d = this.scale - scale;
      if (d < 0) return divideAwayFromZero(m, -d);
      // A product of exact doubles rounds once, as Number() of the exact bigint does. Saturating
      // at int64 then agrees with Number() of the saturated bigint: both bounds print as 2^63.
      if (d > 22) return m > 0 ? TWO_TO_63 : -TWO_TO_63;
      return Math.max(-TWO_TO_63, Math.min(TWO_TO_63, m * POW10[d]));
    }
    return Number(this.scaledValue(scale));
  }

  // Quantity.CanonicalizeBytes. A BinarySI value within (-1024, 1024), or one with a fraction,
  // prints as DecimalSI. Decimal forms take the largest exponent that is a multiple of 3 and
  // loses nothing; past `E` DecimalSI falls back to an exponent (`1e21`, not the `1` older Go
  // printed).
  private canonicalize(): string {
    if (this.isZero()) return '0';
    if (this.format === 'BinarySI' && (this.cmp(BINARY_LOWER) <= 0 || this.cmp(BINARY_UPPER) >= 0)) {
      const binary = this.canonicalBinary();
      if (binary !== undefined) return binary;
    }
    return this.canonicalDecimal(this.format === 'DecimalExponent' ? 'DecimalExponent' : 'DecimalSI');
  }

  private canonicalDecimal(format: 'DecimalSI' | 'DecimalExponent'): string {
    let digits: string;
    let exponent = this.scale;
    let m = this.small;
    if (this.big === undefined) {
      while (m % 10 === 0) {
        m /= 10;
        exponent++;
      }
      const shift = ((exponent % 3) + 3) % 3;
      exponent -= shift;
      const shifted = m * POW10[shift];
      digits = Math.abs(shifted) <= MAX_SAFE ? String(shifted) : (BigInt(m) * pow10Big(shift)).toString();
    } else {
      const { result, times } = removeFactors(this.big, 10n);
      exponent += times;
      const shift = ((exponent % 3) + 3) % 3;
      exponent -= shift;
      digits = (result * pow10Big(shift)).toString();
    }
    if (format === 'DecimalSI') {
      const suffix = decimalSuffix(exponent);
      if (suffix !== undefined) return digits + suffix;
    }
    return digits + exponentSuffix(exponent);
  }

  /** The BinarySI form of a whole value of at least 1024 in magnitude, or undefined if it has a fraction. */
  private canonicalBinary(): string | undefined {
    if (this.big === undefined && this.scale === 0) {
      let whole = this.small;
      let times = 0;
      while (whole % 1024 === 0) {
        whole /= 1024;
        times++;
      }
      const suffix = binarySuffix(times * 10);
      if (suffix !== undefined) return String(whole) + suffix;
    }
    // 10^70 holds 2^70 = 1024^7, past Ei: see below.
    if (this.scale >= 70) return undefined;
    let whole: bigint;
    const mantissa = this.mantissa();
    if (this.scale >= 0) {
      whole = mantissa * pow10Big(this.scale);
    } else {
      if (!isMultipleOfPow10(mantissa, -this.scale)) return undefined;
      whole = mantissa / pow10Big(-this.scale);
    }
    const { result, times } = removeFactors(whole, 1024n);
    const suffix = binarySuffix(times * 10);
    // Go prints a value of 1024^7 or more with no suffix at all (2^70 as "1"); podfit prints it
    // as DecimalSI instead, which keeps the value.
    return suffix === undefined ? undefined : result.toString() + suffix;
  }
}

const BINARY_LOWER = Quantity.fromValue(-1024);
const BINARY_UPPER = Quantity.fromValue(1024);

const MAX_MILLI_QUANTITY = Quantity.fromMilli(MOST_POSITIVE);

/** The quantity "0" as ParseQuantity returns it: DecimalSI, its string already known. */
const PARSED_ZERO = make('DecimalSI', 0, undefined, 0, '0');

/** resource.ParseQuantity; see Quantity.parse. */
export function parseQuantity(input: string): Quantity {
  const str = input;
  const end = str.length;
  if (end === 0) throw new QuantityParseError(input, ERR_FORMAT_WRONG);
  if (str === '0') return PARSED_ZERO;

  // parseQuantityString: sign, leading zeros, numerator, denominator, then the suffix.
  let pos = 0;
  let negative = false;
  const first = str.charCodeAt(0);
  if (first === CHAR_MINUS) {
    negative = true;
    pos = 1;
  } else if (first === CHAR_PLUS) {
    pos = 1;
  }
  const afterSign = pos;
  while (pos < end && str.charCodeAt(pos) === CHAR_0) pos++;
  // Nothing but a sign and zeros, even no digit at all ("+", "-"), is zero: Go returns num "0".
  if (pos === end) return make('DecimalSI', 0, undefined, 0, undefined);
  const numStart = pos;
  while (pos < end && isDigit(str.charCodeAt(pos))) pos++;
  const numEnd = pos;
  let denomStart = pos;
  let denomEnd = pos;
  if (pos < end && str.charCodeAt(pos) === CHAR_DOT) {
    pos++;
    denomStart = pos;
    while (pos < end && isDigit(str.charCodeAt(pos))) pos++;
    denomEnd = pos;
  }
  const hasDigit = numEnd > afterSign || denomEnd > denomStart;
  const suffixStart = pos;
  while (pos < end) {
    const c = str.charCodeAt(pos);
    if (c >= 128 || SUFFIX_CHARS[c] === 0) break;
    pos++;
  }
  if (pos < end) {
    const c = str.charCodeAt(pos);
    if (c === CHAR_PLUS || c === CHAR_MINUS) pos++;
    while (pos < end && isDigit(str.charCodeAt(pos))) pos++;
    if (pos < end) throw new QuantityParseError(input, ERR_FORMAT_WRONG);
  }

  const meaning = interpretSuffix(str, suffixStart, end);
  if (meaning === undefined) throw new QuantityParseError(input, ERR_SUFFIX);
  const format = meaning.format;
  const exponent = meaning.exponent;
  const numLength = numEnd - numStart; // 0 stands for num "0"
  const denomLength = denomEnd - denomStart;

  // ParseQuantity's int64 fast path, taken when the digits fit. Where the input is canonical
  // already (no trailing 000, a scale that is a multiple of 3; for BinarySI a number that is not a
  // multiple of 8) Go keeps it as String(), so `+1` and `1E3` print as written.
  let precision: number;
  let scale = 0;
  if (format !== 'BinarySI') {
    scale = exponent;
    precision = 18 - (Math.max(numLength, 1) + denomLength);
  } else if (exponent >= 0 && denomLength === 0) {
    precision = 15 - Math.max(numLength, 1) - Math.trunc((exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale = wrapInt32(scale - denomLength);
    if (scale >= NANO) {
      if (format === 'BinarySI') {
        // At most 14 - 3k digits times 1024^k: always below 2^53.
        const value = digitsValue(str, numStart, numEnd);
        const result = value * 2 ** exponent;
        const cached = value % 8 !== 0 ? input : undefined;
        return make(format, negative ? 0 - result : result, undefined, scale, cached);
      }
      if (numLength + denomLength <= 15) {
        const value =
          digitsValue(str, numStart, numEnd) * POW10[denomLength] + digitsValue(str, denomStart, denomEnd);
        const cached = numLength > 0 && scale % 3 === 0 && value % 1000 !== 0 ? input : undefined;
        return make(format, negative ? 0 - value : value, undefined, scale, cached);
      }
      const value = BigInt(str.slice(numStart, numEnd) + str.slice(denomStart, denomEnd));
      const cached = numLength > 0 && scale % 3 === 0 && value % 1000n !== 0n ? input : undefined;
      return fromBigInt(format, negative ? -value : value, scale, cached);
    }
  }

  // The inf.Dec path. inf's scanner needs a digit: ".e-10" is ErrNumeric where ".e-9" is zero.
  if (!hasDigit) throw new QuantityParseError(input, ERR_NUMERIC);
  return meaning.base === 2
    ? parseBinaryFraction(str, negative, numStart, numEnd, denomStart, denomEnd, exponent)
    : parseLongDecimal(str, negative, numStart, numEnd, denomStart, denomEnd, meaning.exponent, format);
}

/**
 * ParseQuantity's inf.Dec path for a decimal suffix: the digits times 10^scale, a non-zero value
 * rounded up to a whole nano. Works on the digit string, so a million digits cost a scan, not a
 * quadratic bigint conversion; digits below nano only decide the rounding.
 */
function parseLongDecimal(
  str: string,
  negative: boolean,
  numStart: number,
  numEnd: number,
  denomStart: number,
  denomEnd: number,
  exponent: number,
  format: QuantityFormat,
): Quantity {
  const digits = str.slice(numStart, numEnd) + str.slice(denomStart, denomEnd);
  // inf.Scale is an int32 counting digits after the point; Go adds the negated exponent to it
  // with int32 wrap-around.
  let scale = -wrapInt32(denomEnd - denomStart + wrapInt32(-exponent));
  let first = 0;
  while (first < digits.length && digits.charCodeAt(first) === CHAR_0) first++;
  if (first === digits.length) return make(format, 0, undefined, 0, undefined);
  let last = digits.length - 1;
  while (digits.charCodeAt(last) === CHAR_0) last--;
  scale += digits.length - 1 - last;
  let amount: bigint;
  if (scale >= NANO) {
    amount = BigInt(digits.slice(first, last + 1));
  } else {
    // "If you want some resources, you should get some resources": the digits dropped below nano
    // end in a non-zero digit, so the kept ones round up by one.
    const kept = last + 1 - first - (NANO - scale);
    amount = kept > 0 ? BigInt(digits.slice(first, first + kept)) + 1n : 1n;
    scale = NANO;
  }
  return fromBigInt(format, negative ? -amount : amount, scale);
}

/**
 * ParseQuantity's inf.Dec path for a binary suffix (`1.5Gi`, `0.000000000001Ki`): the number times
 * 2^exponent, rounded up to a whole nano, capped at 2^63-1, and DecimalSI when it is below 1.
 */
function parseBinaryFraction(
  str: string,
  negative: boolean,
  numStart: number,
  numEnd: number,
  denomStart: number,
  denomEnd: number,
  exponent: number,
): Quantity {
  // 20 integer digits are 10^19 or more, past 2^63-1 before the suffix multiplies them.
  if (numEnd - numStart >= 20) return fromBigInt('BinarySI', negative ? -MOST_POSITIVE : MOST_POSITIVE, 0);
  const denomLength = denomEnd - denomStart;
  const below = Math.max(denomLength - 9, 0);
  const scale = -(denomLength - below);
  let amount =
    BigInt(`0${str.slice(numStart, numEnd)}${str.slice(denomStart, denomEnd - below)}`) << BigInt(exponent);
  if (below > 0) amount += ceilFractionTimesPow2(str, denomEnd - below, denomEnd, exponent);
  if (amount === 0n) return make('BinarySI', 0, undefined, 0, undefined);
  let format: QuantityFormat = 'BinarySI';
  const one = pow10Big(-scale);
  if (amount > MOST_POSITIVE * one) return fromBigInt(format, negative ? -MOST_POSITIVE : MOST_POSITIVE, 0);
  if (amount < one) format = 'DecimalSI';
  return fromBigInt(format, negative ? -amount : amount, scale);
}

/**
 * ceil(0.F * 2^e) for the decimal fraction digits F = str[start:end]. Since 2^e / 10^e = 1 / 5^e,
 * the first e digits R of F give 0.F * 2^e = R / 5^e + d with 0 <= d < 1 / 5^e, and d > 0
 * exactly when a later digit is non-zero.
 */
function ceilFractionTimesPow2(str: string, start: number, end: number, e: number): bigint {
  const headEnd = Math.min(end, start + e);
  const head = BigInt(`0${str.slice(start, headEnd)}`) * pow10Big(e - (headEnd - start));
  let sticky = false;
  for (let i = headEnd; i < end && !sticky; i++) sticky = str.charCodeAt(i) !== CHAR_0;
  const five = 5n ** BigInt(e);
  const quotient = head / five;
  return head % five !== 0n || sticky ? quotient + 1n : quotient;
}

/**
 * MaxMilliQuantity: the largest quantity whose milliValue() fits an int64. For q >= 0,
 * q.cmp(maxMilliQuantity()) <= 0 tells that milliValue() does not saturate.
 */
export function maxMilliQuantity(): Quantity {
  return MAX_MILLI_QUANTITY;
}

/** The larger of two quantities; the first when they are equal, as maxResourceList keeps the existing one. */
export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return b.cmp(a) > 0 ? b : a;
}

function isDigit(c: number): boolean {
  return c >= CHAR_0 && c <= CHAR_9;
}

/** The value of at most 15 decimal digits in str[start:end]. */
function digitsValue(str: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (str.charCodeAt(i) - CHAR_0);
  return value;
}

/** m / 10^n for a safe integer m and n > 0, rounded away from zero (negativeScaleInt64). */
function divideAwayFromZero(m: number, n: number): number {
  if (n > 22) return m > 0 ? 1 : -1;
  const divisor = POW10[n];
  const remainder = m % divisor;
  const quotient = (m - remainder) / divisor;
  if (remainder === 0) return quotient;
  return m > 0 ? quotient + 1 : quotient - 1;
}

function fromInteger(format: QuantityFormat, value: bigint | number, scale: number): Quantity {
  if (typeof value === 'bigint') return fromBigInt(format, value, scale);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`quantity value must be a safe integer or a bigint, got ${value}`);
  return make(format, value === 0 ? 0 : value, undefined, scale, undefined);
}

function fromBigInt(format: QuantityFormat, value: bigint, scale: number, cached?: string): Quantity {
  if (value >= -MAX_SAFE_BIG && value <= MAX_SAFE_BIG)
    return make(format, Number(value), undefined, scale, cached);
  return make(format, NaN, value, scale, cached);
}

/** ScaledValue for a mantissa * 10^d: rounded away from zero, saturated at the int64 bounds. */
function scaledExact(mantissa: bigint, d: number): bigint {
  if (mantissa === 0n) return 0n;
  if (d >= 0) {
    // |mantissa| >= 1, so 10^19 and beyond are past int64 already.
    if (d >= 19) return mantissa > 0n ? MOST_POSITIVE : MOST_NEGATIVE;
    return clampInt64(mantissa * pow10Big(d));
  }
  return clampInt64(divPow10AwayFromZero(mantissa, -d));
}

/** Cmp of a * 10^as and b * 10^bs, without building a power of ten wider than the mantissas. */
function cmpExact(a: bigint, as: number, b: bigint, bs: number): -1 | 0 | 1 {
  const aSign = a < 0n ? -1 : a > 0n ? 1 : 0;
  const bSign = b < 0n ? -1 : b > 0n ? 1 : 0;
  if (aSign !== bSign) return aSign < bSign ? -1 : 1;
  if (aSign === 0) return 0;
  // Magnitudes that do not overlap decide at once; overlapping ones have scales a few digits apart.
  const aMagnitude = decimalMagnitude(a);
  const bMagnitude = decimalMagnitude(b);
  if (aMagnitude.lo + as >= bMagnitude.hi + bs) return aSign;
  if (bMagnitude.lo + bs >= aMagnitude.hi + as) return aSign === 1 ? -1 : 1;
  const x = as >= bs ? a * pow10Big(as - bs) : a;
  const y = as >= bs ? b : b * pow10Big(bs - as);
  return x < y ? -1 : x > y ? 1 : 0;
}
