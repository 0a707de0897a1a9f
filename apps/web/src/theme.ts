import { createTheme, darken, defaultVariantColorsResolver, type VariantColorsResolver } from '@mantine/core';

/**
 * Light badges, alerts and subtle buttons keep their tinted background but take a text colour dark enough for
 * WCAG 2.2 AA (4.5:1) on it: Mantine's default light text (shade 6 of yellow, orange, green…) reads at 1.5–3.8:1.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant === 'light' || input.variant === 'subtle') {
    const name = input.color && input.color in input.theme.colors ? input.color : input.theme.primaryColor;
    return { ...colors, color: darken(input.theme.colors[name]![9], 0.35) };
  }
  return colors;
};

export const theme = createTheme({
  primaryColor: 'indigo',
  // Filled buttons and links in shade 8 (indigo 8 on white: 7.6:1; white on red 8: 4.6:1); autoContrast writes dark
  // text on the light fills (yellow, lime) where white would not read.
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  variantColorResolver,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", "Hiragino Kaku Gothic ProN", "Hiragino Sans", Meiryo, "Noto Sans JP", sans-serif',
});

/** "dimmed" text (hints, dates, secondary lines) at 6.4:1 on white instead of Mantine's 3.3:1. */
export const cssVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#585f66', '--mantine-color-placeholder': '#6b7178' },
  dark: {},
});
