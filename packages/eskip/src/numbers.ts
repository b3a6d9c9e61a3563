/**
 * Numbers as the printer writes them. Integral values print without decimals and in full, as
 * Skipper's `%.0f` does. Other values print in their shortest round-trip digits, like Go's `%g`,
 * but always in plain decimal notation: Skipper switches to exponent notation (`1e-05`), which its
 * own lexer cannot read back, and `bosun fmt` must never turn a valid file into an invalid one.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`eskip has no literal for ${value}`);
  if (Object.is(value, -0)) return "-0";
  if (Number.isInteger(value)) {
    return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  }
  const text = String(value);
  return text.includes("e") ? expandExponent(value) : text;
}

/** Only values below 1e-6 reach here: JS prints every other non-integral value in plain form. */
function expandExponent(value: number): string {
  const [mantissa, exponentText] = Math.abs(value).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const zeros = "0".repeat(-Number(exponentText) - 1);
  return `${value < 0 ? "-" : ""}0.${zeros}${digits}`;
}
