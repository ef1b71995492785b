// Cases from k8s.io/apimachinery pkg/api/resource: quantity_test.go (TestQuantityParse with its
// signed variants, TestParseQuantity, TestQuantityParseEmit, TestQuantityString, TestQuantityParseZero,
// TestQuantityAddZeroPreservesSuffix, TestQuantitySubZeroPreservesSuffix, TestQuantityCanocicalizeZero,
// TestQuantityCmp, TestQuantityRoundUp, TestQuantityCmpInt64AndDec, TestQuantityNeg, TestMilliNewSet,
// TestNewSet, TestNewScaledSet, TestScaledValue, TestSub, TestNeg, TestAdd, TestNegAndSubAtMostNegative,
// TestZeroSubMostNegativeInheritsFormat, TestSubMostNegativeCrossScale), math_test.go (TestNegativeScaleInt64,
// TestMaxMilliQuantity, TestQuantityDocExamples), amount_test.go (TestInt64AsCanonicalString,
// TestInt64AmountAsScaledInt64, TestAmountSign), scale_int_test.go (TestScaledValueInternal),
// suffix_test.go (TestDecimalExponentEdgeCases); and the conformance corpus.
import cases from '../../../../test/fixtures/conformance/cases/quantity.json';
import {
  ERR_FORMAT_WRONG,
  ERR_NUMERIC,
  ERR_SUFFIX,
  maxMilliQuantity,
  maxQuantity,
  parseQuantity,
  Quantity,
  type QuantityFormat,
  QuantityParseError,
} from './quantity';

const mostPositive = 9223372036854775807n;
const mostNegative = -9223372036854775808n;

/** Go's decQuantity / intQuantity: i * 10^exponent in a format. */
function dec(i: bigint | number, exponent: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return Quantity.fromScaled(i, exponent, format);
}

/** A quantity from a decimal string such as "-999999999999999999.1" (inf.Dec SetString in the Go tests). */
function decimal(text: string): Quantity {
  const [whole, fraction = ''] = text.split('.');
  return Quantity.fromScaled(BigInt(whole + fraction), -fraction.length);
}

/** A quantity from the corpus' exact rational "p/q"; q must divide a power of ten. */
function rational(exact: string): Quantity {
  const [numerator, denominator = '1'] = exact.split('/');
  const p = BigInt(numerator);
  const q = BigInt(denominator);
  for (let digits = 0; digits <= 30; digits++) {
    const scale = 10n ** BigInt(digits);
    if (scale % q === 0n) return Quantity.fromScaled((p * scale) / q, -digits);
  }
  throw new Error(`${exact} is not a finite decimal`);
}

/** -x without the -0 that toBe tells apart from 0. */
function negated(x: -1 | 0 | 1): -1 | 0 | 1 {
  return x === 0 ? 0 : x === 1 ? -1 : 1;
}

function parseError(input: string): QuantityParseError {
  try {
    Quantity.parse(input);
  } catch (error) {
    if (error instanceof QuantityParseError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(input)} parsed`);
}

interface CorpusCase {
  readonly input: string;
  readonly valid: boolean;
  readonly milliValue: number | null;
  readonly value: number | null;
  readonly format?: string;
  readonly exact?: string;
  readonly canonical?: string;
}

describe('conformance corpus: cases/quantity.json', () => {
  const corpus = cases as CorpusCase[];

  it('has the 163 rows its README lists', () => {
    expect(corpus).toHaveLength(163);
  });

  it.each(corpus.filter((c) => c.valid))('$input', (c) => {
    const q = Quantity.parse(c.input);
    expect(q.milliValue()).toBe(BigInt(c.milliValue!));
    expect(q.value()).toBe(BigInt(c.value!));
    expect(q.milliValueNumber()).toBe(c.milliValue);
    expect(q.valueNumber()).toBe(c.value);
    if (c.format !== undefined) expect(q.format).toBe(c.format);
    if (c.exact !== undefined) expect(q.cmp(rational(c.exact))).toBe(0);
    if (c.canonical !== undefined) expect(q.toString()).toBe(c.canonical);
  });

  it.each(corpus.filter((c) => !c.valid))('invalid: $input', (c) => {
    const error = parseError(c.input);
    expect(error.input).toBe(c.input);
    expect([ERR_FORMAT_WRONG, ERR_NUMERIC, ERR_SUFFIX]).toContain(error.message);
  });
});

describe('TestQuantityParse', () => {
  // [input, expected mantissa, expected exponent, expected format]
  const table: [string, bigint | number, number, QuantityFormat][] = [
    ['0', 0, 0, 'DecimalSI'],
    ['0n', 0, 0, 'DecimalSI'],
    ['0u', 0, 0, 'DecimalSI'],
    ['0m', 0, 0, 'DecimalSI'],
    ['0Ki', 0, 0, 'BinarySI'],
    ['0k', 0, 0, 'DecimalSI'],
    ['0Mi', 0, 0, 'BinarySI'],
    ['0M', 0, 0, 'DecimalSI'],
    ['0Gi', 0, 0, 'BinarySI'],
    ['0G', 0, 0, 'DecimalSI'],
    ['0Ti', 0, 0, 'BinarySI'],
    ['0T', 0, 0, 'DecimalSI'],
    // Quantity less numbers are allowed
    ['1', 1, 0, 'DecimalSI'],
    // Binary suffixes
    ['1Ki', 1024, 0, 'BinarySI'],
    ['8Ki', 8 * 1024, 0, 'BinarySI'],
    ['7Mi', 7 * 1024 * 1024, 0, 'BinarySI'],
    ['6Gi', 6 * 1024 * 1024 * 1024, 0, 'BinarySI'],
    ['5Ti', 5 * 1024 ** 4, 0, 'BinarySI'],
    ['4Pi', 4n * 1024n ** 5n, 0, 'BinarySI'],
    ['3Ei', 3n * 1024n ** 6n, 0, 'BinarySI'],
    ['10Ti', 10 * 1024 ** 4, 0, 'BinarySI'],
    ['100Ti', 100 * 1024 ** 4, 0, 'BinarySI'],
    // Decimal suffixes
    ['5n', 5, -9, 'DecimalSI'],
    ['4u', 4, -6, 'DecimalSI'],
    ['3m', 3, -3, 'DecimalSI'],
    ['9', 9, 0, 'DecimalSI'],
    ['8k', 8, 3, 'DecimalSI'],
    ['50k', 5, 4, 'DecimalSI'],
    ['7M', 7, 6, 'DecimalSI'],
    ['6G', 6, 9, 'DecimalSI'],
    ['5T', 5, 12, 'DecimalSI'],
    ['40T', 4, 13, 'DecimalSI'],
    ['300T', 3, 14, 'DecimalSI'],
    ['2P', 2, 15, 'DecimalSI'],
    ['1E', 1, 18, 'DecimalSI'],
    // Decimal exponents
    ['1E-3', 1, -3, 'DecimalExponent'],
    ['1e3', 1, 3, 'DecimalExponent'],
    ['1E6', 1, 6, 'DecimalExponent'],
    ['1e9', 1, 9, 'DecimalExponent'],
    ['1E12', 1, 12, 'DecimalExponent'],
    ['1e15', 1, 15, 'DecimalExponent'],
    ['1E18', 1, 18, 'DecimalExponent'],
    // Nonstandard but still parsable
    ['1e14', 1, 14, 'DecimalExponent'],
    ['1e13', 1, 13, 'DecimalExponent'],
    ['1e3', 1, 3, 'DecimalExponent'],
    ['100.035k', 100035, 0, 'DecimalSI'],
    // Things that look like floating point
    ['0.001', 1, -3, 'DecimalSI'],
    ['0.0005k', 5, -1, 'DecimalSI'],
    ['0.005', 5, -3, 'DecimalSI'],
    ['0.05', 5, -2, 'DecimalSI'],
    ['0.5', 5, -1, 'DecimalSI'],
    ['0.00050k', 5, -1, 'DecimalSI'],
    ['0.00500', 5, -3, 'DecimalSI'],
    ['0.05000', 5, -2, 'DecimalSI'],
    ['0.50000', 5, -1, 'DecimalSI'],
    ['0.5e0', 5, -1, 'DecimalExponent'],
    ['0.5e-1', 5, -2, 'DecimalExponent'],
    ['0.5e-2', 5, -3, 'DecimalExponent'],
    ['0.5e0', 5, -1, 'DecimalExponent'],
    ['10.035M', 10035, 3, 'DecimalSI'],
    ['1.2e3', 12, 2, 'DecimalExponent'],
    ['1.3E+6', 13, 5, 'DecimalExponent'],
    ['1.40e9', 14, 8, 'DecimalExponent'],
    ['1.53E12', 153, 10, 'DecimalExponent'],
    ['1.6e15', 16, 14, 'DecimalExponent'],
    ['1.7E18', 17, 17, 'DecimalExponent'],
    ['9.01', 901, -2, 'DecimalSI'],
    ['8.1k', 81, 2, 'DecimalSI'],
    ['7.123456M', 7123456, 0, 'DecimalSI'],
    ['6.987654321G', 6987654321, 0, 'DecimalSI'],
    ['5.444T', 5444, 9, 'DecimalSI'],
    ['40.1T', 401, 11, 'DecimalSI'],
    ['300.2T', 3002, 11, 'DecimalSI'],
    ['2.5P', 25, 14, 'DecimalSI'],
    ['1.01E', 101, 16, 'DecimalSI'],
    // Things that saturate/round
    ['3.001n', 4, -9, 'DecimalSI'],
    ['1.1E-9', 2, -9, 'DecimalExponent'],
    ['0.0000000001', 1, -9, 'DecimalSI'],
    ['0.0000000005', 1, -9, 'DecimalSI'],
    ['0.00000000050', 1, -9, 'DecimalSI'],
    ['0.5e-9', 1, -9, 'DecimalExponent'],
    ['0.9n', 1, -9, 'DecimalSI'],
    ['0.00000012345', 124, -9, 'DecimalSI'],
    ['0.00000012354', 124, -9, 'DecimalSI'],
    ['9Ei', mostPositive, 0, 'BinarySI'],
    ['9223372036854775807Ki', mostPositive, 0, 'BinarySI'],
    ['12E', 12, 18, 'DecimalSI'],
    // We'll accept fractional binary stuff, too.
    ['100.035Ki', 10243584, -2, 'BinarySI'],
    ['0.5Mi', 0.5 * 1024 * 1024, 0, 'BinarySI'],
    ['0.05Gi', 536870912, -1, 'BinarySI'],
    ['0.025Ti', 274877906944, -1, 'BinarySI'],
    // Things written by trolls
    ['0.000000000001Ki', 2, -9, 'DecimalSI'], // rounds up, changes format
    ['.001', 1, -3, 'DecimalSI'],
    ['.0001k', 100, -3, 'DecimalSI'],
    ['1.', 1, 0, 'DecimalSI'],
    ['1.G', 1, 9, 'DecimalSI'],
  ];

  it('rejects the empty string', () => {
    expect(parseError('').message).toBe(ERR_FORMAT_WRONG);
  });

  it.each(table)('%s', (input, mantissa, exponent, format) => {
    const got = Quantity.parse(input);
    expect(got.cmp(dec(mantissa, exponent))).toBe(0);
    expect(got.format).toBe(format);
  });

  // "Try the negative version of everything"
  it.each(table)('-%s', (input, mantissa, exponent, format) => {
    const got = Quantity.parse(`-${input}`);
    expect(got.cmp(dec(mantissa, exponent).neg())).toBe(0);
    expect(got.format).toBe(format);
  });

  // "Try everything with an explicit +"
  it.each(table)('+%s', (input, mantissa, exponent, format) => {
    const got = Quantity.parse(`+${input}`);
    expect(got.cmp(dec(mantissa, exponent))).toBe(0);
    expect(got.format).toBe(format);
  });

  it.each(['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 '])(
    'invalid: %j',
    (input) => {
      expect(() => Quantity.parse(input)).toThrow(QuantityParseError);
    },
  );
});

describe('TestParseQuantity', () => {
  // [input, wantAsDec, canonical (when it differs from the input)]
  const tests: [string, string, string?][] = [
    // min/max 18 digits
    ['-999999999999999999', '-999999999999999999'],
    ['999999999999999999', '999999999999999999'],
    // .0
    ['-999999999999999999.0', '-999999999999999999', '-999999999999999999'],
    ['999999999999999999.0', '999999999999999999', '999999999999999999'],
    // .1
    ['-999999999999999999.1', '-999999999999999999.1', '-999999999999999999100m'],
    ['999999999999999999.1', '999999999999999999.1', '999999999999999999100m'],
    // min/max 19 digits
    ['-9999999999999999999', '-9999999999999999999'],
    ['9999999999999999999', '9999999999999999999'],
    ['-1E', '-1000000000000000000'],
    ['1E', '1000000000000000000'],
    ['-1000000000000000000', '-1000000000000000000', '-1E'],
    ['1000000000000000000', '1000000000000000000', '1E'],
    // .0
    ['-9999999999999999999.0', '-9999999999999999999', '-9999999999999999999'],
    ['9999999999999999999.0', '9999999999999999999', '9999999999999999999'],
    ['-1.0E', '-1000000000000000000', '-1E'],
    ['1.0E', '1000000000000000000', '1E'],
    ['-1000000000000000000.0', '-1000000000000000000', '-1E'],
    ['1000000000000000000.0', '1000000000000000000', '1E'],
    // 000m
    ['-9999999999999999999000m', '-9999999999999999999', '-9999999999999999999'],
    ['9999999999999999999000m', '9999999999999999999', '9999999999999999999'],
    // .1
    ['-9999999999999999999.1', '-9999999999999999999.1', '-9999999999999999999100m'],
    ['9999999999999999999.1', '9999999999999999999.1', '9999999999999999999100m'],
    ['-1.0000000000000000001E', '-1000000000000000000.1', '-1000000000000000000100m'],
    ['1.0000000000000000001E', '1000000000000000000.1', '1000000000000000000100m'],
    ['-1000000000000000000.1', '-1000000000000000000.1', '-1000000000000000000100m'],
    ['1000000000000000000.1', '1000000000000000000.1', '1000000000000000000100m'],
    // +1
    ['-1.000000000000000001E', '-1000000000000000001', '-1000000000000000001'],
    ['1.000000000000000001E', '1000000000000000001', '1000000000000000001'],
    ['-1000000000000000001', '-1000000000000000001'],
    ['1000000000000000001', '1000000000000000001'],
    // min/max 20 digits
    ['-10E', '-10000000000000000000'],
    ['10E', '10000000000000000000'],
    ['-10000000000000000000', '-10000000000000000000', '-10E'],
    ['10000000000000000000', '10000000000000000000', '10E'],
    // .0
    ['-10.0E', '-10000000000000000000', '-10E'],
    ['10.0E', '10000000000000000000', '10E'],
    ['-10000000000000000000.0', '-10000000000000000000', '-10E'],
    ['10000000000000000000.0', '10000000000000000000', '10E'],
    // 000m
    ['-10000000000000000000000m', '-10000000000000000000', '-10E'],
    ['10000000000000000000000m', '10000000000000000000', '10E'],
    // .1
    ['-10.0000000000000000001E', '-10000000000000000000.1', '-10000000000000000000100m'],
    ['10.0000000000000000001E', '10000000000000000000.1', '10000000000000000000100m'],
    ['-10000000000000000000.1', '-10000000000000000000.1', '-10000000000000000000100m'],
    ['10000000000000000000.1', '10000000000000000000.1', '10000000000000000000100m'],
    // +1
    ['-10.000000000000000001E', '-10000000000000000001', '-10000000000000000001'],
    ['10.000000000000000001E', '10000000000000000001', '10000000000000000001'],
    ['-10000000000000000001', '-10000000000000000001'],
    ['10000000000000000001', '10000000000000000001'],
    // min/max int64 - 1
    ['-9223372036854775809', '-9223372036854775809'],
    ['9223372036854775806', '9223372036854775806'],
    // .0
    ['-9223372036854775809.0', '-9223372036854775809', '-9223372036854775809'],
    ['9223372036854775806.0', '9223372036854775806', '9223372036854775806'],
    // 000m
    ['-9223372036854775809000m', '-9223372036854775809', '-9223372036854775809'],
    ['9223372036854775806000m', '9223372036854775806', '9223372036854775806'],
    // .1
    ['-9223372036854775809.1', '-9223372036854775809.1', '-9223372036854775809100m'],
    ['9223372036854775806.1', '9223372036854775806.1', '9223372036854775806100m'],
    // min/max int64
    ['-9223372036854775808', '-9223372036854775808'],
    ['9223372036854775807', '9223372036854775807'],
    // .0
    ['-9223372036854775808.0', '-9223372036854775808', '-9223372036854775808'],
    ['9223372036854775807.0', '9223372036854775807', '9223372036854775807'],
    // 000m
    ['-9223372036854775808000m', '-9223372036854775808', '-9223372036854775808'],
    ['9223372036854775807000m', '9223372036854775807', '9223372036854775807'],
    // .1
    ['-9223372036854775808.1', '-9223372036854775808.1', '-9223372036854775808100m'],
    ['9223372036854775807.1', '9223372036854775807.1', '9223372036854775807100m'],
    // min/max int64 + 1
    ['-9223372036854775807', '-9223372036854775807'],
    ['9223372036854775808', '9223372036854775808'],
    // .0
    ['-9223372036854775807.0', '-9223372036854775807', '-9223372036854775807'],
    ['9223372036854775808.0', '9223372036854775808', '9223372036854775808'],
    // 000m
    ['-9223372036854775807000m', '-9223372036854775807', '-9223372036854775807'],
    ['9223372036854775808000m', '9223372036854775808', '9223372036854775808'],
    // .1
    ['-9223372036854775807.1', '-9223372036854775807.1', '-9223372036854775807100m'],
    ['9223372036854775808.1', '9223372036854775808.1', '9223372036854775808100m'],
  ];

  // A row without a canonical string reserialises to its input.
  it.each(tests.map(([input, wantAsDec, canonical]) => [input, wantAsDec, canonical ?? input] as const))(
    '%s',
    (input, wantAsDec, canonical) => {
      const q = Quantity.parse(input);
      expect(q.cmp(decimal(wantAsDec))).toBe(0);
      expect(q.toString()).toBe(canonical);
    },
  );
});

describe('TestQuantityParseEmit', () => {
  const table: [string, string][] = [
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
  ];

  it.each(table)('%s', (input, expected) => {
    expect(Quantity.parse(input).toString()).toBe(expected);
  });

  it.each(table)('-%s', (input, expected) => {
    expect(Quantity.parse(`-${input}`).toString()).toBe(`-${expected}`);
  });
});

describe('TestQuantityString', () => {
  // [mantissa, exponent, format, expect, alternate]
  const table: [bigint | number, number, QuantityFormat, string, string][] = [
    [1024 * 1024 * 1024, 0, 'BinarySI', '1Gi', '1024Mi'],
    [300 * 1024 * 1024, 0, 'BinarySI', '300Mi', '307200Ki'],
    [6 * 1024, 0, 'BinarySI', '6Ki', ''],
    [1001 * 1024 * 1024 * 1024, 0, 'BinarySI', '1001Gi', '1025024Mi'],
    [1024 * 1024 * 1024 * 1024, 0, 'BinarySI', '1Ti', '1024Gi'],
    [5, 0, 'BinarySI', '5', '5000m'],
    [500, -3, 'BinarySI', '500m', '0.5'],
    [1, 9, 'DecimalSI', '1G', '1000M'],
    [1000, 6, 'DecimalSI', '1G', '0.001T'],
    [1000000, 3, 'DecimalSI', '1G', ''],
    [1000000000, 0, 'DecimalSI', '1G', ''],
    [1, -3, 'DecimalSI', '1m', '1000u'],
    [80, -3, 'DecimalSI', '80m', ''],
    [1080, -3, 'DecimalSI', '1080m', '1.08'],
    [108, -2, 'DecimalSI', '1080m', '1080000000n'],
    [10800, -4, 'DecimalSI', '1080m', ''],
    [300, 6, 'DecimalSI', '300M', ''],
    [1, 12, 'DecimalSI', '1T', ''],
    // DecimalSI has no suffix beyond "E" (10^18). Larger exponents must fall back to exponent
    // notation instead of dropping the magnitude.
    [1, 18, 'DecimalSI', '1E', ''],
    [1, 21, 'DecimalSI', '1e21', '1000E'],
    [5, 21, 'DecimalSI', '5e21', '5000E'],
    [1, 24, 'DecimalSI', '1e24', '1000000E'],
    [1234567, 6, 'DecimalSI', '1234567M', ''],
    [1234567, -3, 'BinarySI', '1234567m', ''],
    [3, 3, 'DecimalSI', '3k', ''],
    [1025, 0, 'BinarySI', '1025', ''],
    [0, 0, 'DecimalSI', '0', ''],
    [0, 0, 'BinarySI', '0', ''],
    [1, 9, 'DecimalExponent', '1e9', '.001e12'],
    [1, -3, 'DecimalExponent', '1e-3', '0.001e0'],
    [1, -9, 'DecimalExponent', '1e-9', '1000e-12'],
    [80, -3, 'DecimalExponent', '80e-3', ''],
    [300, 6, 'DecimalExponent', '300e6', ''],
    [1, 12, 'DecimalExponent', '1e12', ''],
    [1, 3, 'DecimalExponent', '1e3', ''],
    [3, 3, 'DecimalExponent', '3e3', ''],
    [3, 3, 'DecimalSI', '3k', ''],
    [0, 0, 'DecimalExponent', '0', '00'],
    [1, -9, 'DecimalSI', '1n', ''],
    [80, -9, 'DecimalSI', '80n', ''],
    [1080, -9, 'DecimalSI', '1080n', ''],
    [108, -8, 'DecimalSI', '1080n', ''],
    [10800, -10, 'DecimalSI', '1080n', ''],
    [1, -6, 'DecimalSI', '1u', ''],
    [80, -6, 'DecimalSI', '80u', ''],
    [1080, -6, 'DecimalSI', '1080u', ''],
  ];

  it.each(table)('%s * 10^%s %s prints %s', (mantissa, exponent, format, expected, alternate) => {
    expect(dec(mantissa, exponent, format).toString()).toBe(expected);
    expect(Quantity.parse(expected).toString()).toBe(expected);
    if (alternate !== '') expect(Quantity.parse(alternate).toString()).toBe(expected);
  });

  it.each(table.filter(([mantissa]) => mantissa !== 0))(
    '-%s * 10^%s %s prints -%s',
    (mantissa, exponent, format, expected) => {
      expect(dec(mantissa, exponent, format).neg().toString()).toBe(`-${expected}`);
    },
  );
});

describe('TestQuantityParseZero', () => {
  it('prints 0', () => {
    expect(Quantity.parse('0').toString()).toBe('0');
  });
});

describe('TestQuantityAddZeroPreservesSuffix and TestQuantitySubZeroPreservesSuffix', () => {
  const zero = Quantity.parse('0');

  it.each(['100m', '1Gi'])('%s', (text) => {
    const value = Quantity.parse(text);
    expect(value.add(zero).toString()).toBe(text);
    expect(zero.add(value).toString()).toBe(text);
    expect(value.sub(zero).toString()).toBe(text);
    expect(zero.sub(value).toString()).toBe(value.neg().toString());
  });
});

describe('TestQuantityCanocicalizeZero', () => {
  it('a value that became zero prints 0, not 0<suffix>', () => {
    expect(Quantity.parse('1000m').sub(Quantity.parse('1')).toString()).toBe('0');
  });
});

describe('TestQuantityCmp', () => {
  it.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
  ] as const)('%s cmp %s', (x, y, expected) => {
    expect(Quantity.parse(x).cmp(Quantity.parse(y))).toBe(expected);
  });

  it.each([
    [0, 0, 0],
    [10, 0, 1],
    [-10, 0, -1],
  ] as const)('%s cmp %s (the zero value)', (x, y, expected) => {
    expect(dec(x, 0).cmp(dec(y, 0))).toBe(expected);
    expect(dec(y, 0).cmp(dec(x, 0))).toBe(negated(expected));
    expect(dec(x, 0).cmp(Quantity.zero())).toBe(expected);
  });
});

describe('TestQuantityRoundUp', () => {
  it.each([
    ['9.01', -3, 901, -2, true],
    ['9.01', -2, 901, -2, true],
    ['9.01', -1, 91, -1, false],
    ['9.01', 0, 10, 0, false],
    ['9.01', 1, 10, 0, false],
    ['9.01', 2, 100, 0, false],
    ['-9.01', -3, -901, -2, true],
    ['-9.01', -2, -901, -2, true],
    ['-9.01', -1, -91, -1, false],
    ['-9.01', 0, -10, 0, false],
    ['-9.01', 1, -10, 0, false],
    ['-9.01', 2, -100, 0, false],
  ] as const)('%s to scale %s', (input, scale, mantissa, exponent, ok) => {
    const { quantity, exact } = Quantity.parse(input).roundUp(scale);
    expect(exact).toBe(ok);
    expect(quantity.cmp(dec(mantissa, exponent))).toBe(0);
  });
});

describe('TestQuantityCmpInt64AndDec', () => {
  const e18 = 1000000n * 1000000n * 1000000n;
  it.each([
    [901, -2, 901, -2, 0],
    [90, -1, 901, -2, -1],
    [901, -2, 900, -2, 1],
    [0, 0, 0, 0, 0],
    [0, 1, 0, -1, 0],
    [0, -1, 0, 1, 0],
    [800, -3, 1, 0, -1],
    [800, -3, 79, -2, 1],
    [mostPositive, 0, 1, -1, 1],
    [mostPositive, 1, 1, 0, 1],
    [mostPositive, 1, 1, 1, 1],
    [mostPositive, 1, 0, 1, 1],
    [mostPositive, -16, 1, 3, -1],
    [mostNegative, 0, 0, 0, -1],
    [mostNegative, -18, -1, 0, -1],
    [mostNegative, -19, -1, 0, 1],
    [e18, -17, 1, 1, 0],
    [e18, -17, -10, 0, 1],
    [-e18, -17, -10, 0, 0],
    [e18, -17, 1, 0, 1],
    [e18 + 1n, -17, 1, 1, 1],
    [e18 - 1n, -17, 1, 1, -1],
  ] as const)('%s*10^%s cmp %s*10^%s', (a, as, b, bs, expected) => {
    expect(dec(a, as).cmp(dec(b, bs))).toBe(expected);
    expect(dec(b, bs).cmp(dec(a, as))).toBe(negated(expected));
  });
});

describe('TestQuantityNeg and TestNeg', () => {
  it('negating 9.01 prints -9010m and leaves the source alone', () => {
    const source = dec(901, -2);
    expect(source.neg().toString()).toBe('-9010m');
    expect(source.neg().cmp(source)).not.toBe(0);
    expect(source.toString()).toBe('9010m');
  });

  it.each([
    [0, 'DecimalSI', 0],
    [10, 'BinarySI', -10],
    [-10, 'BinarySI', 10],
  ] as const)('-(%s %s)', (value, format, expected) => {
    const negated = dec(value, 0, format).neg();
    expect(negated.cmp(dec(expected, 0))).toBe(0);
    expect(negated.format).toBe(format);
  });
});

describe('TestMilliNewSet', () => {
  it.each([
    [1, 'DecimalSI', '1m', true],
    [1000, 'DecimalSI', '1', true],
    [1234000, 'DecimalSI', '1234', true],
    [1024, 'BinarySI', '1024m', false], // Format changes
    [1024 * 1024, 'BinarySI', '1048576m', false], // Format changes
  ] as const)('fromMilli(%s, %s)', (value, format, expected, exact) => {
    const q = Quantity.fromMilli(value, format);
    expect(q.toString()).toBe(expected);
    if (exact) expect(Quantity.parse(q.toString()).milliValue()).toBe(BigInt(value));
  });
});

describe('TestNewSet', () => {
  it.each([
    [1, 'DecimalSI', '1'],
    [1000, 'DecimalSI', '1k'],
    [1234000, 'DecimalSI', '1234k'],
    [1024, 'BinarySI', '1Ki'],
    [1024 * 1024, 'BinarySI', '1Mi'],
  ] as const)('fromValue(%s, %s)', (value, format, expected) => {
    const q = Quantity.fromValue(value, format);
    expect(q.toString()).toBe(expected);
    expect(Quantity.parse(q.toString()).value()).toBe(BigInt(value));
  });
});

describe('TestNewScaledSet', () => {
  it.each([
    [1, -9, '1n'],
    [1000, -9, '1u'],
    [1, -6, '1u'],
    [1000, -6, '1m'],
    [1, -3, '1m'],
    [1000, -3, '1'],
    [1, 0, '1'],
    [0, -9, '0'],
    [0, -6, '0'],
    [0, -3, '0'],
    [0, 0, '0'],
  ] as const)('fromScaled(%s, %s)', (value, scale, expected) => {
    const q = Quantity.fromScaled(value, scale);
    expect(q.toString()).toBe(expected);
    expect(Quantity.parse(q.toString()).scaledValue(scale)).toBe(BigInt(value));
  });
});

describe('TestScaledValue', () => {
  it.each([
    [-9, -9, 1n],
    [-9, -6, 1n],
    [-9, -3, 1n],
    [-9, 0, 1n],
    [-6, -9, 1000n],
    [-6, -6, 1n],
    [-6, -3, 1n],
    [-6, 0, 1n],
    [-3, -9, 1000n * 1000n],
    [-3, -6, 1000n],
    [-3, -3, 1n],
    [-3, 0, 1n],
    [0, -9, 1000n * 1000n * 1000n],
    [0, -6, 1000n * 1000n],
    [0, -3, 1000n],
    [0, 0, 1n],
    [2, -2, 100n * 100n],
  ] as const)('10^%s in units of 10^%s', (from, to, expected) => {
    expect(Quantity.fromScaled(1, from).scaledValue(to)).toBe(expected);
  });
});

describe('TestAdd and TestSub', () => {
  const zero = Quantity.zero('DecimalSI');
  it.each([
    [dec(10, 0), dec(1, 1), dec(20, 0), dec(0, 0)],
    [dec(10, 0), dec(1, 0, 'BinarySI'), dec(11, 0), dec(9, 0)],
    [dec(10, 0, 'BinarySI'), dec(1, 0), dec(11, 0, 'BinarySI'), dec(9, 0, 'BinarySI')],
    [zero, dec(50, 0), dec(50, 0), dec(-50, 0)],
    [dec(50, 0), zero, dec(50, 0), dec(50, 0)],
    [zero, zero, dec(0, 0), dec(0, 0)],
  ])('%s and %s', (a, b, sum, difference) => {
    expect(a.add(b).cmp(sum)).toBe(0);
    expect(a.sub(b).cmp(difference)).toBe(0);
    expect(a.add(b).format).toBe(a.isZero() ? b.format : a.format);
  });
});

describe('TestNegAndSubAtMostNegative', () => {
  const twoTo63 = Quantity.parse('9223372036854775808');

  it('intQuantity(mostNegative).Neg()', () => {
    const neg = dec(mostNegative, 0).neg();
    expect(neg.sign()).toBe(1);
    expect(neg.toString()).toBe('9223372036854775808');
    expect(neg.cmp(twoTo63)).toBe(0);
  });

  it('zero.Sub(intQuantity(mostNegative))', () => {
    const sub = Quantity.zero().sub(dec(mostNegative, 0));
    expect(sub.toString()).toBe('9223372036854775808');
    expect(sub.cmp(twoTo63)).toBe(0);
  });

  it('1 - mostNegative', () => {
    const oneSub = dec(1, 0).sub(dec(mostNegative, 0));
    expect(oneSub.cmp(Quantity.parse('9223372036854775809'))).toBe(0);
    expect(oneSub.toString()).toBe('9223372036854775809');
  });

  it('keeps the scale', () => {
    expect(dec(mostNegative, -3).neg().toString()).toBe('9223372036854775808m');
    expect(dec(1, -3).sub(dec(mostNegative, -3)).toString()).toBe('9223372036854775809m');
    expect(Quantity.zero().sub(Quantity.fromScaled(mostNegative, -3)).toString()).toBe(
      '9223372036854775808m',
    );
  });
});

describe('TestZeroSubMostNegativeInheritsFormat', () => {
  it('zero - mostNegative BinarySI is 8Ei', () => {
    const q = Quantity.zero('DecimalSI').sub(dec(mostNegative, 0, 'BinarySI'));
    expect(q.format).toBe('BinarySI');
    expect(q.toString()).toBe('8Ei');
    expect(q.cmp(Quantity.parse('9223372036854775808'))).toBe(0);
  });
});

describe('TestSubMostNegativeCrossScale', () => {
  it('10 - mostNegative', () => {
    expect(dec(1, 1).sub(dec(mostNegative, 0)).toString()).toBe('9223372036854775818');
  });
});

describe('TestNegativeScaleInt64', () => {
  it.each([
    [1234567n, 0, 1234567n, true],
    [1234567n, 1, 123457n, false],
    [1234567n, 2, 12346n, false],
    [1234567n, 3, 1235n, false],
    [1234567n, 4, 124n, false],
    [-1234567n, 0, -1234567n, true],
    [-1234567n, 1, -123457n, false],
    [-1234567n, 2, -12346n, false],
    [-1234567n, 3, -1235n, false],
    [-1234567n, 4, -124n, false],
    [1000n, 0, 1000n, true],
    [1000n, 1, 100n, true],
    [1000n, 2, 10n, true],
    [1000n, 3, 1n, true],
    [1000n, 4, 1n, false],
    [-1000n, 0, -1000n, true],
    [-1000n, 1, -100n, true],
    [-1000n, 2, -10n, true],
    [-1000n, 3, -1n, true],
    [-1000n, 4, -1n, false],
    [0n, 0, 0n, true],
    [0n, 1, 0n, true],
    [0n, 2, 0n, true],
  ] as const)('%s / 10^%s', (base, scale, result, exact) => {
    const q = Quantity.fromValue(base);
    expect(q.scaledValue(scale)).toBe(result);
    expect(q.roundUp(scale).exact).toBe(exact);
  });
});

describe('TestScaledValueInternal', () => {
  // unscaled * 10^-scale in units of 10^-newScale (inf.Scale counts digits after the point).
  it.each([
    // remain scale
    [1000n, 0, 0, 1000n],
    [-1000n, 0, 0, -1000n],
    // scale down
    [1000n, 0, -3, 1n],
    [1000n, 3, 0, 1n],
    [-1000n, 3, 0, -1n],
    [0n, 3, 0, 0n],
    // scale down rounds away from zero
    [999n, 3, 0, 1n],
    [500n, 3, 0, 1n],
    [499n, 3, 0, 1n],
    [1n, 3, 0, 1n],
    [-1n, 3, 0, -1n],
    [-499n, 3, 0, -1n],
    [-500n, 3, 0, -1n],
    [-999n, 3, 0, -1n],
    [-1500n, 3, 0, -2n],
    // large scaled value does not lose precision
    [mostPositive - 1n, 1, 0, (mostPositive - 1n) / 10n + 1n],
    // large intermediate result, positive and negative, forces the big.Int path
    [10n ** 100n, 100, 0, 1n],
    [-(10n ** 100n), 100, 0, -1n],
    [5n, 19, 0, 1n],
    [-5n, 19, 0, -1n],
    [mostNegative * 1000n, 3, 0, mostNegative],
    // scale up
    [0n, 0, 3, 0n],
    [1n, 0, 3, 1000n],
    [1n, -3, 0, 1000n],
    [1000n, -3, 2, 100000000n],
    [mostPositive / 1000n, 0, 3, (mostPositive / 1000n) * 1000n],
  ] as const)('%s at inf scale %s to %s', (unscaled, scale, newScale, expected) => {
    expect(Quantity.fromScaled(unscaled, -scale).scaledValue(-newScale)).toBe(expected);
  });
});

describe('TestInt64AsCanonicalString', () => {
  it.each([
    [100, 0, '100'],
    [100, 1, '1k'],
    [100, -1, '10'],
    [10800, -10, '1080n'],
  ] as const)('%s * 10^%s', (value, scale, expected) => {
    expect(Quantity.fromScaled(value, scale).toString()).toBe(expected);
  });
});

describe('TestInt64AmountAsScaledInt64', () => {
  it.each([
    ['test when i.scale < scaled ', 100, 0, 5, 1n],
    ['test when i.scale = scaled', 100, 1, 1, 100n],
    ["test when i.scale > scaled and result doesn't overflow", 100, 5, 2, 100000n],
    ['test when i.scale < 0 and fraction exists', 93, -1, 0, 10n],
    ["test when i.scale < 0 and fraction doesn't exist", 100, -1, 0, 10n],
    ['test when i.value < 0 and fraction exists', -1932, 2, 4, -20n],
    ["test when i.value < 0 and fraction doesn't exists", -1900, 2, 4, -19n],
  ] as const)('%s', (_name, value, scale, scaled, expected) => {
    expect(Quantity.fromScaled(value, scale).scaledValue(scaled)).toBe(expected);
  });

  // Upstream returns (0, false) here, an undefined result; podfit saturates like the newest
  // int64 path does.
  it('test when i.scale > scaled and result overflows: saturates', () => {
    expect(Quantity.fromScaled(876, 30).scaledValue(4)).toBe(mostPositive);
    expect(Quantity.fromScaled(-876, 30).scaledValue(4)).toBe(mostNegative);
    expect(Quantity.fromScaled(876, 30).milliValueNumber()).toBe(2 ** 63);
    expect(Quantity.fromScaled(-876, 30).valueNumber()).toBe(-(2 ** 63));
  });
});

describe('TestAmountSign', () => {
  it.each([
    [-50, 1, -1],
    [0, 1, 0],
    [300, 1, 1],
    [-50, -8, -1],
    [50, -8, 1],
    [0, -8, 0],
    [-50, 0, -1],
    [50, 0, 1],
    [0, 0, 0],
  ] as const)('%s * 10^%s', (value, scale, expected) => {
    expect(Quantity.fromScaled(value, scale).sign()).toBe(expected);
    expect(Quantity.fromScaled(value, scale).isZero()).toBe(expected === 0);
  });
});

describe('TestMaxMilliQuantity', () => {
  const bound = maxMilliQuantity();

  it('MilliValue and ScaledValue(Milli) of the bound are MaxInt64', () => {
    expect(bound.milliValue()).toBe(mostPositive);
    expect(bound.scaledValue(-3)).toBe(mostPositive);
  });

  it.each([
    ['zero', Quantity.fromValue(0), true],
    ['the largest whole number that fits', Quantity.fromValue(mostPositive / 1000n), true],
    ['fractional, past MaxMilliValue but still safe', Quantity.parse('9223372036854775807m'), true],
    ['one nano past the bound', maxMilliQuantity().add(Quantity.fromScaled(1, -9)), false],
    ['larger than int64', Quantity.parse('18446744073709551616'), false],
  ] as const)('%s', (_name, q, within) => {
    expect(q.cmp(bound) <= 0).toBe(within);
  });
});

describe('TestQuantityDocExamples', () => {
  it.each([
    // A decimal quantity is not capped at 2^63-1 in magnitude.
    ['18446744073709551616', '18446744073709551616'],
    // A binarySI one is: 8Ei is 2^63, and parses as 2^63-1.
    ['8Ei', '9223372036854775807'],
    // No quantity is limited to three decimal places.
    ['1.2345', '1234500u'],
    // Parsing rounds away from zero below nano.
    ['0.9n', '1n'],
    ['-0.9n', '-1n'],
  ])('%s', (input, expected) => {
    expect(Quantity.parse(input).toString()).toBe(expected);
  });
});

describe('TestDecimalExponentEdgeCases', () => {
  it.each([
    ['E6024865272343', undefined],
    ['e14', '100e12'],
    ['E2147483647', '10e2147483646'],
    ['E2147483648', undefined],
    ['E-2147483648', '100e2147483646'],
    ['E-2147483649', undefined],
  ])('1%s', (suffix, printed) => {
    if (printed === undefined) expect(parseError(`1${suffix}`).message).toBe(ERR_SUFFIX);
    else expect(Quantity.parse(`1${suffix}`).toString()).toBe(printed);
  });
});

// Behaviour read off ParseQuantity, parseQuantityString and CanonicalizeBytes line by line
// (quantity.go), where no upstream test pins it.
describe('derived from quantity.go', () => {
  it.each([
    ['', ERR_FORMAT_WRONG],
    ['12x', ERR_FORMAT_WRONG],
    ['1.1.M', ERR_FORMAT_WRONG],
    ['1+1.0M', ERR_FORMAT_WRONG],
    ['aoeu', ERR_FORMAT_WRONG],
    ['Non-Numeric', ERR_FORMAT_WRONG],
    [' 1', ERR_FORMAT_WRONG],
    ['1 ', ERR_FORMAT_WRONG],
    ['1e5e', ERR_FORMAT_WRONG],
    ['0.1mi', ERR_SUFFIX],
    ['0.1am', ERR_FORMAT_WRONG], // `a` is not a suffix character
    ['.5i', ERR_SUFFIX],
    ['1i', ERR_SUFFIX],
    ['-3.01e-', ERR_SUFFIX], // "e-" reaches the suffixer, whose ParseInt("-") fails
    ['1kk', ERR_SUFFIX],
    ['1e', ERR_SUFFIX],
    ['1Ki5', ERR_SUFFIX],
    ['.e-10', ERR_NUMERIC], // the inf.Dec path needs a digit
    ['-e-10', ERR_NUMERIC],
  ])('%j is rejected with its Go error', (input, message) => {
    const error = parseError(input);
    expect(error.message).toBe(message);
    expect(error.input).toBe(input);
    expect(error.name).toBe('QuantityParseError');
  });

  // The scanner turns a number part with no digits into "0", so these are zero, not errors.
  it.each([
    ['+', 'DecimalSI'],
    ['-', 'DecimalSI'],
    ['.', 'DecimalSI'],
    ['-.', 'DecimalSI'],
    ['00', 'DecimalSI'],
    ['-0', 'DecimalSI'],
    ['e3', 'DecimalExponent'],
    ['.e-9', 'DecimalExponent'],
    ['Ki', 'BinarySI'],
    ['0.0Ki', 'BinarySI'],
  ])('%j is zero in %s', (input, format) => {
    const q = Quantity.parse(input);
    expect(q.isZero()).toBe(true);
    expect(q.format).toBe(format);
    expect(q.toString()).toBe('0');
  });

  // The int64 path keeps the input as the String() when the digits do not end in 000 and the
  // scale is a multiple of 3 (for BinarySI, when the number is not a multiple of 8).
  it.each([
    ['+1', '+1'],
    ['0100', '0100'],
    ['1E3', '1E3'],
    ['1e+3', '1e+3'],
    ['01Ki', '01Ki'],
    ['+500m', '+500m'],
    ['8Ki', '8Ki'],
    ['1000', '1k'],
    ['1.0', '1'],
    ['1024Ki', '1Mi'],
    ['1e14', '100e12'],
  ])('%s prints %s', (input, printed) => {
    expect(Quantity.parse(input).toString()).toBe(printed);
  });

  it('arithmetic drops the parsed string', () => {
    expect(Quantity.parse('+1').add(Quantity.zero()).toString()).toBe('1');
    expect(Quantity.parse('1E3').neg().neg().toString()).toBe('1e3');
  });

  it.each([
    ['-0.5', -500n, -1n],
    ['-0.1Ki', -102400n, -103n], // the inf.Dec path rounds away from zero too
    ['-100m', -100n, -1n],
    ['0.5m', 1n, 1n],
  ])('%s rounds away from zero', (input, milli, value) => {
    const q = Quantity.parse(input);
    expect(q.milliValue()).toBe(milli);
    expect(q.value()).toBe(value);
    expect(q.milliValueNumber()).toBe(Number(milli));
    expect(q.valueNumber()).toBe(Number(value));
  });

  it('caps BinarySI at 2^63-1 but not the decimal formats', () => {
    expect(Quantity.parse('100000000000000000000Ki').toString()).toBe('9223372036854775807');
    expect(Quantity.parse('-9Ei').toString()).toBe('-9223372036854775807');
    expect(Quantity.parse('100000000000000000000000E').toString()).toBe('100e39');
    expect(Quantity.parse('100000000000000000000000E').value()).toBe(mostPositive);
  });

  it('keeps huge and tiny exponents exact without building them', () => {
    expect(Quantity.parse('1e-1000000').toString()).toBe('1e-9');
    expect(Quantity.parse('1e1000000').cmp(Quantity.parse('1e999999'))).toBe(1);
    expect(Quantity.parse('1e1000000').milliValue()).toBe(mostPositive);
    expect(Quantity.parse('-1e1000000').value()).toBe(mostNegative);
    expect(Quantity.parse(`0.${'0'.repeat(1_000_000)}1`).toString()).toBe('1n');
    expect(Quantity.parse(`1${'0'.repeat(1_000_000)}`).toString()).toBe('10e999999');
    expect(Quantity.parse(`0.${'0'.repeat(1_000_000)}1Ki`).toString()).toBe('1n');
    expect(Quantity.parse(`1${'0'.repeat(1_000_000)}Ki`).value()).toBe(mostPositive);
  });

  it('refuses to align scales more than 100000 digits apart', () => {
    expect(() => Quantity.parse('1e200000').add(Quantity.parse('1'))).toThrow(RangeError);
  });

  // Go prints a BinarySI value of 1024^7 or more with no suffix (2^70 as "1"); podfit keeps the value.
  it('prints a BinarySI value past Ei as DecimalSI', () => {
    expect(Quantity.fromValue(2n ** 70n, 'BinarySI').toString()).toBe('1180591620717411303424');
    expect(Quantity.fromValue(2n ** 60n * 1023n, 'BinarySI').toString()).toBe('1023Ei');
  });
});

describe('podfit API', () => {
  it('parseQuantity is Quantity.parse', () => {
    expect(parseQuantity('1.5Gi').toString()).toBe('1536Mi');
  });

  it('zero defaults to DecimalSI', () => {
    expect(Quantity.zero().format).toBe('DecimalSI');
    expect(Quantity.zero('BinarySI').format).toBe('BinarySI');
    expect(Quantity.zero().toString()).toBe('0');
  });

  it('the sum keeps the receiver format unless the receiver is zero', () => {
    expect(Quantity.parse('1Ki').add(Quantity.parse('1k')).format).toBe('BinarySI');
    expect(Quantity.parse('1k').add(Quantity.parse('1Ki')).format).toBe('DecimalSI');
    expect(Quantity.zero().add(Quantity.parse('1Ki')).format).toBe('BinarySI');
    expect(Quantity.zero().sub(Quantity.parse('1Ki')).toString()).toBe('-1Ki');
    expect(Quantity.parse('1Gi').add(Quantity.parse('512Mi')).toString()).toBe('1536Mi');
    expect(Quantity.parse('100m').add(Quantity.parse('900m')).toString()).toBe('1');
  });

  it('maxQuantity keeps the first of two equal quantities, as maxResourceList does', () => {
    const a = Quantity.parse('1');
    const b = Quantity.parse('1000m');
    expect(maxQuantity(a, b)).toBe(a);
    expect(maxQuantity(b, a)).toBe(b);
    expect(maxQuantity(a, Quantity.parse('1500m')).toString()).toBe('1500m');
  });

  it('takes numbers and bigints, and rejects numbers that are not safe integers', () => {
    expect(Quantity.fromMilli(1500n).toString()).toBe('1500m');
    expect(Quantity.fromValue(mostPositive).toString()).toBe('9223372036854775807');
    expect(() => Quantity.fromMilli(1.5)).toThrow(RangeError);
    expect(() => Quantity.fromValue(2 ** 60)).toThrow(RangeError);
    expect(() => Quantity.fromScaled(1, 0.5)).toThrow(RangeError);
  });

  it('serialises to JSON as its string', () => {
    expect(JSON.stringify({ cpu: Quantity.parse('1.5'), memory: Quantity.parse('1024Mi') })).toBe(
      '{"cpu":"1500m","memory":"1Gi"}',
    );
  });
});
