/** The name lists the demo's people are made from (Japanese, Singaporean); every name is invented. */

/** [kanji, romanised] */
export type NamePair = readonly [string, string];

// prettier-ignore
export const japaneseSurnames: NamePair[] = [
  ['佐藤', 'Sato'], ['鈴木', 'Suzuki'], ['高橋', 'Takahashi'], ['田中', 'Tanaka'], ['伊藤', 'Ito'],
  ['渡辺', 'Watanabe'], ['山本', 'Yamamoto'], ['中村', 'Nakamura'], ['小林', 'Kobayashi'], ['加藤', 'Kato'],
  ['吉田', 'Yoshida'], ['山田', 'Yamada'], ['佐々木', 'Sasaki'], ['山口', 'Yamaguchi'], ['松本', 'Matsumoto'],
  ['井上', 'Inoue'], ['木村', 'Kimura'], ['林', 'Hayashi'], ['斎藤', 'Saito'], ['清水', 'Shimizu'],
  ['山崎', 'Yamazaki'], ['森', 'Mori'], ['池田', 'Ikeda'], ['橋本', 'Hashimoto'], ['阿部', 'Abe'],
  ['石川', 'Ishikawa'], ['山下', 'Yamashita'], ['中島', 'Nakajima'], ['石井', 'Ishii'], ['小川', 'Ogawa'],
  ['前田', 'Maeda'], ['岡田', 'Okada'], ['長谷川', 'Hasegawa'], ['藤田', 'Fujita'], ['後藤', 'Goto'],
  ['近藤', 'Kondo'], ['村上', 'Murakami'], ['遠藤', 'Endo'], ['青木', 'Aoki'], ['坂本', 'Sakamoto'],
  ['福田', 'Fukuda'], ['西村', 'Nishimura'], ['太田', 'Ota'], ['松田', 'Matsuda'], ['原田', 'Harada'],
  ['岡本', 'Okamoto'], ['中川', 'Nakagawa'], ['藤井', 'Fujii'], ['上田', 'Ueda'], ['森田', 'Morita'],
];

// prettier-ignore
export const japaneseGivenNames: NamePair[] = [
  ['翔太', 'Shota'], ['大輔', 'Daisuke'], ['拓也', 'Takuya'], ['健太', 'Kenta'], ['直樹', 'Naoki'],
  ['亮', 'Ryo'], ['誠', 'Makoto'], ['和也', 'Kazuya'], ['達也', 'Tatsuya'], ['浩二', 'Koji'],
  ['隆', 'Takashi'], ['修', 'Osamu'], ['哲也', 'Tetsuya'], ['悠斗', 'Yuto'], ['蓮', 'Ren'],
  ['大翔', 'Hiroto'], ['慎吾', 'Shingo'], ['剛', 'Tsuyoshi'], ['雄一', 'Yuichi'], ['俊介', 'Shunsuke'],
  ['陽子', 'Yoko'], ['美咲', 'Misaki'], ['由美', 'Yumi'], ['恵', 'Megumi'], ['真由美', 'Mayumi'],
  ['彩', 'Aya'], ['香織', 'Kaori'], ['智子', 'Tomoko'], ['麻衣', 'Mai'], ['結衣', 'Yui'],
  ['陽菜', 'Hina'], ['さくら', 'Sakura'], ['奈々', 'Nana'], ['千尋', 'Chihiro'], ['優子', 'Yuko'],
  ['理恵', 'Rie'], ['明美', 'Akemi'], ['沙織', 'Saori'], ['葵', 'Aoi'], ['久美子', 'Kumiko'],
];

/** Singapore staff of Chinese descent: family names and given names, [as written in Chinese, romanised]. */
// prettier-ignore
export const singaporeChineseSurnames: NamePair[] = [
  ['陳', 'Tan'], ['林', 'Lim'], ['黄', 'Ng'], ['李', 'Lee'], ['王', 'Ong'], ['張', 'Teo'], ['許', 'Koh'], ['吳', 'Goh'],
  ['蔡', 'Chua'], ['楊', 'Yeo'], ['謝', 'Chia'], ['劉', 'Low'],
];
// prettier-ignore
export const singaporeChineseGivenNames: NamePair[] = [
  ['偉明', 'Wei Ming'], ['美玲', 'Mei Ling'], ['志強', 'Chee Keong'], ['佳慧', 'Jia Hui'], ['俊傑', 'Jun Jie'],
  ['麗華', 'Li Hua'], ['家豪', 'Jia Hao'], ['淑芬', 'Shu Fen'], ['文傑', 'Wen Jie'], ['雅婷', 'Ya Ting'],
];

/** Other Singapore staff (Malay, Indian, English names): [in katakana, as written in English]. */
// prettier-ignore
export const singaporeOtherNames: NamePair[] = [
  ['アフマド・ビン・イスマイル', 'Ahmad bin Ismail'], ['シティ・ヌルハリザ', 'Siti Nurhaliza'],
  ['ムハンマド・ハフィズ', 'Muhammad Hafiz'], ['ヌル・アイシャ', 'Nur Aisyah'], ['ファリド・ラーマン', 'Farid Rahman'],
  ['ズライハ・オスマン', 'Zulaikha Osman'], ['ラジェシュ・クマール', 'Rajesh Kumar'], ['プリヤ・ナイル', 'Priya Nair'],
  ['ダニエル・ウォン', 'Daniel Wong'], ['レイチェル・タン', 'Rachel Tan'], ['ジェイソン・リム', 'Jason Lim'],
  ['サラ・チュア', 'Sarah Chua'], ['マイケル・ゴー', 'Michael Goh'], ['エミリー・ン', 'Emily Ng'],
  ['ベンジャミン・テオ', 'Benjamin Teo'], ['グレース・ロー', 'Grace Low'], ['ケルビン・ホー', 'Kelvin Ho'],
  ['ジャスミン・ヨー', 'Jasmine Yeo'], ['ライアン・シム', 'Ryan Sim'], ['クロエ・フォン', 'Chloe Foong'],
];
