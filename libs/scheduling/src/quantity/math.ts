// Integer helpers for quantity.ts, after k8s.io/apimachinery/pkg/api/resource math.go and scale_int.go.

export const MOST_POSITIVE = 9223372036854775807n;
export const MOST_NEGATIVE = -9223372036854775808n;
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;
export const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** 10^n for n in 0..22, every one exact as a double. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, n) => 10 ** n);

const POW10_BIG: readonly bigint[] = Array.from({ length: 40 }, (_, n) => 10n ** BigInt(n));

/**
 * The widest power of ten podfit builds to line two scales up. Go's inf.Dec builds any 10^n, and
 * runs out of memory adding `1` to `1e2000000000`; podfit throws a RangeError instead.
 */
export const MAX_ALIGNMENT_DIGITS = 100_000;

/** 10^n as a bigint; n must be >= 0. */
export function pow10Big(n: number): bigint {
  if (n < POW10_BIG.length) return POW10_BIG[n];
  if (n > MAX_ALIGNMENT_DIGITS) {
    throw new RangeError(`quantity out of range: it needs 10^${n}, beyond 10^${MAX_ALIGNMENT_DIGITS}`);
  }
  return 10n ** BigInt(n);
}

/** Saturates to the int64 range, as the int64 accessors of the newest apimachinery do on overflow. */
export function clampInt64(value: bigint): bigint {
  if (value > MOST_POSITIVE) return MOST_POSITIVE;
  if (value < MOST_NEGATIVE) return MOST_NEGATIVE;
  return value;
}

/** Go's int32(x) for an integer x held exactly in a double. */
export function wrapInt32(value: number): number {
  return value | 0;
}

const LOG10_2 = Math.log10(2);

/**
 * Bounds on the decimal magnitude of a non-zero value, 10^lo <= |value| < 10^hi, read from its bit
 * length in linear time (a decimal toString of a million digits is quadratic). Loose by one on
 * each side. After decimalExponentBounds in amount.go.
 */
export function decimalMagnitude(value: bigint): { readonly lo: number; readonly hi: number } {
  const hex = (value < 0n ? -value : value).toString(16);
  const bits = (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
  return { lo: Math.max(0, Math.floor((bits - 1) * LOG10_2) - 1), hi: Math.ceil(bits * LOG10_2) + 1 };
}

/** value / 10^n rounded away from zero (n >= 0): negativeScaleInt64 and scaledValue's rounding. */
export function divPow10AwayFromZero(value: bigint, n: number): bigint {
  if (n === 0 || value === 0n) return value;
  if (n >= decimalMagnitude(value).hi) return value > 0n ? 1n : -1n;
  const divisor = pow10Big(n);
  const quotient = value / divisor;
  if (quotient * divisor === value) return quotient;
  return value > 0n ? quotient + 1n : quotient - 1n;
}

/** Whether value is a multiple of 10^n (n >= 0). */
export function isMultipleOfPow10(value: bigint, n: number): boolean {
  if (n === 0 || value === 0n) return true;
  if (n >= decimalMagnitude(value).hi) return false;
  return value % pow10Big(n) === 0n;
}

/** Removes every factor of `base` from a non-zero value: removeInt64Factors / removeBigIntFactors. */
export function removeFactors(
  value: bigint,
  base: bigint,
): { readonly result: bigint; readonly times: number } {
  let result = value;
  let times = 0;
  while (result % base === 0n) {
    result /= base;
    times++;
  }
  return { result, times };
}
