// Mirrors k8s.io/apimachinery/pkg/api/resource/suffix.go: what a suffix means, and which suffix
// prints an exponent.
import { type QuantityFormat } from './quantity';

/** A suffix read as base^exponent in a format: `Ki` is 2^10 BinarySI, `m` is 10^-3 DecimalSI. */
export interface SuffixMeaning {
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

const decimal = (exponent: number): SuffixMeaning =>
  Object.freeze({ base: 10, exponent, format: 'DecimalSI' });
const binary = (exponent: number): SuffixMeaning => Object.freeze({ base: 2, exponent, format: 'BinarySI' });

const NONE = decimal(0);
const NANO = decimal(-9);
const MICRO = decimal(-6);
const MILLI = decimal(-3);
const KILO = decimal(3);
const MEGA = decimal(6);
const GIGA = decimal(9);
const TERA = decimal(12);
const PETA = decimal(15);
const EXA = decimal(18);
const KIBI = binary(10);
const MEBI = binary(20);
const GIBI = binary(30);
const TEBI = binary(40);
const PEBI = binary(50);
const EXBI = binary(60);

const CHAR_PLUS = 43;
const CHAR_MINUS = 45;
const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_E = 69;
const CHAR_e = 101;
const CHAR_i = 105;

/**
 * What str[start:end] means as a quantity suffix, or undefined (Go's ErrSuffix). Looks up the
 * decimal suffixes, then the binary ones, then reads `e`/`E` and an integer as a decimal exponent,
 * which must fit an int32: `1e2147483648` is rejected. suffixHandler.interpret.
 */
export function interpretSuffix(str: string, start: number, end: number): SuffixMeaning | undefined {
  const length = end - start;
  if (length === 0) return NONE;
  const first = str.charCodeAt(start);
  if (length === 1) {
    switch (first) {
      case 110 /* n */:
        return NANO;
      case 117 /* u */:
        return MICRO;
      case 109 /* m */:
        return MILLI;
      case 107 /* k */:
        return KILO;
      case 77 /* M */:
        return MEGA;
      case 71 /* G */:
        return GIGA;
      case 84 /* T */:
        return TERA;
      case 80 /* P */:
        return PETA;
      case 69 /* E */:
        return EXA;
      default:
        return undefined;
    }
  }
  if (length === 2 && str.charCodeAt(start + 1) === CHAR_i) {
    switch (first) {
      case 75 /* K */:
        return KIBI;
      case 77 /* M */:
        return MEBI;
      case 71 /* G */:
        return GIBI;
      case 84 /* T */:
        return TEBI;
      case 80 /* P */:
        return PEBI;
      case 69 /* E */:
        return EXBI;
    }
  }
  if (first !== CHAR_e && first !== CHAR_E) return undefined;
  const exponent = parseInt32(str, start + 1, end);
  if (exponent === undefined) return undefined;
  return Object.freeze({ base: 10, exponent, format: 'DecimalExponent' });
}

/** strconv.ParseInt(s, 10, 64) and a check that it fits an int32: a sign, then digits only. */
function parseInt32(str: string, start: number, end: number): number | undefined {
  let pos = start;
  const sign = str.charCodeAt(pos);
  if (sign === CHAR_PLUS || sign === CHAR_MINUS) pos++;
  if (pos >= end) return undefined;
  let magnitude = 0;
  for (let i = pos; i < end; i++) {
    const c = str.charCodeAt(i);
    if (c < CHAR_0 || c > CHAR_9) return undefined;
    // Past 2^31 the value no longer fits; keep scanning only to reject a non-digit the same way.
    if (magnitude <= 2 ** 31) magnitude = magnitude * 10 + (c - CHAR_0);
  }
  const value = sign === CHAR_MINUS ? -magnitude : magnitude;
  return value >= -(2 ** 31) && value < 2 ** 31 ? value : undefined;
}

/** The DecimalSI suffix for 10^exponent, or undefined past `n` and `E`. listSuffixer.construct. */
export function decimalSuffix(exponent: number): string | undefined {
  switch (exponent) {
    case -9:
      return 'n';
    case -6:
      return 'u';
    case -3:
      return 'm';
    case 0:
      return '';
    case 3:
      return 'k';
    case 6:
      return 'M';
    case 9:
      return 'G';
    case 12:
      return 'T';
    case 15:
      return 'P';
    case 18:
      return 'E';
    default:
      return undefined;
  }
}

/** The BinarySI suffix for 2^exponent, or undefined past `Ei`. listSuffixer.construct. */
export function binarySuffix(exponent: number): string | undefined {
  switch (exponent) {
    case 0:
      return '';
    case 10:
      return 'Ki';
    case 20:
      return 'Mi';
    case 30:
      return 'Gi';
    case 40:
      return 'Ti';
    case 50:
      return 'Pi';
    case 60:
      return 'Ei';
    default:
      return undefined;
  }
}

/** The DecimalExponent suffix for 10^exponent: none for 0, else `e<exponent>`. */
export function exponentSuffix(exponent: number): string {
  return exponent === 0 ? '' : `e${exponent}`;
}
