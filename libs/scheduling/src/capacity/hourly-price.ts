// Prices of nodes as exact decimals: a price is text (`0.192`), multiplied by a node count with BigInt, so a
// cost is never a double's approximation (0.1 × 3 is `0.3`, not 0.30000000000000004).

/** A non-negative decimal: digits, then optionally a point and at least one more digit. */
const DECIMAL = /^([0-9]+)(?:\.([0-9]+))?$/;

/** `units × 10^-scale`. */
interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL.exec(text);
  if (match === null) return null;
  const fraction = match[2] ?? '';
  return { units: BigInt(match[1]! + fraction), scale: fraction.length };
}

function printDecimal({ units, scale }: Decimal): string {
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * Whether `text` is a price podfit takes: a non-negative decimal written with digits and at most one point,
 * at least one digit on each side of it (`0.192`, `12`, `1.10`; not `.5`, `5.`, `-1`, `1e3` or ` 1`).
 */
export function isHourlyPrice(text: string): boolean {
  return DECIMAL.test(text);
}

/**
 * `nodes × price`, exact, with as many fraction digits as the price was written with, so that a cost reads
 * in the precision of its price: `0.192` × 3 = `0.576`, `1.10` × 2 = `2.20`, `0.192` × 0 = `0.000`,
 * `12` × 4 = `48`. The integer part loses leading zeros (`007.5` × 1 = `7.5`). Throws on an invalid price
 * or a count that is not a non-negative safe integer.
 */
export function hourlyCost(price: string, nodes: number): string {
  const decimal = parseDecimal(price);
  if (decimal === null) throw new Error(`hourlyCost: invalid price ${JSON.stringify(price)}`);
  if (!Number.isSafeInteger(nodes) || nodes < 0) throw new Error(`hourlyCost: invalid node count ${nodes}`);
  return printDecimal({ units: decimal.units * BigInt(nodes), scale: decimal.scale });
}

/** Orders two prices or costs by value, whatever their fraction digits: `compareHourlyCosts('0.50', '0.5')` is 0. */
export function compareHourlyCosts(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (x === null || y === null)
    throw new Error(`compareHourlyCosts: invalid decimal ${JSON.stringify(x === null ? a : b)}`);
  const scale = Math.max(x.scale, y.scale);
  const left = x.units * 10n ** BigInt(scale - x.scale);
  const right = y.units * 10n ** BigInt(scale - y.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}
