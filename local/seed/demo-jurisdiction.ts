/** The demo district, 鹤岗市东山区: its mines, its bureau's users and everything the seed writes live under it. */
export const DEMO_JURISDICTION = 'hlj/hegang/dongshan';
