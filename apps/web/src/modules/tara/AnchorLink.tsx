import { Anchor } from '@mantine/core';
import { createLink } from '@tanstack/react-router';

/** A Mantine anchor that is a typed router link (route params and search are checked). */
export const AnchorLink = createLink(Anchor);
