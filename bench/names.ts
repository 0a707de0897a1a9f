/** Small name lists for the bench data: kanji with the Hepburn romanisation used in name_en. */
export interface Name {
  ja: string;
  en: string;
}

const pairs = (s: string): Name[] =>
  s
    .trim()
    .split(/\s+/)
    .map((p) => {
      const [ja, en] = p.split(':');
      return { ja: ja!, en: en! };
    });

export const GROUP_NAME: Name = { ja: '大和精機グループ', en: 'Yamato Seiki Group' };

/** Most frequent family names first: the generator picks them with a steep frequency curve. */
export const FAMILY_NAMES = pairs(`
  佐藤:Sato 鈴木:Suzuki 高橋:Takahashi 田中:Tanaka 伊藤:Ito 渡辺:Watanabe 山本:Yamamoto 中村:Nakamura
  小林:Kobayashi 加藤:Kato 吉田:Yoshida 山田:Yamada 佐々木:Sasaki 山口:Yamaguchi 松本:Matsumoto 井上:Inoue
  木村:Kimura 林:Hayashi 斎藤:Saito 清水:Shimizu 山崎:Yamazaki 森:Mori 池田:Ikeda 橋本:Hashimoto
  阿部:Abe 石川:Ishikawa 山下:Yamashita 中島:Nakajima 石井:Ishii 小川:Ogawa 前田:Maeda 岡田:Okada
  長谷川:Hasegawa 藤田:Fujita 後藤:Goto 近藤:Kondo 村上:Murakami 遠藤:Endo 青木:Aoki 坂本:Sakamoto
  斉藤:Saito 福田:Fukuda 太田:Ota 西村:Nishimura 藤井:Fujii 金子:Kaneko 岡本:Okamoto 藤原:Fujiwara
  中野:Nakano 三浦:Miura 原田:Harada 中川:Nakagawa 松田:Matsuda 竹内:Takeuchi 小野:Ono 田村:Tamura
  中山:Nakayama 和田:Wada 石田:Ishida 森田:Morita 上田:Ueda 原:Hara 内田:Uchida 柴田:Shibata
  酒井:Sakai 宮崎:Miyazaki 横山:Yokoyama 高木:Takagi 安藤:Ando 宮本:Miyamoto 大野:Ono 小島:Kojima
  谷口:Taniguchi 工藤:Kudo 今井:Imai 高田:Takada 増田:Masuda 丸山:Maruyama 杉山:Sugiyama 村田:Murata
  大塚:Otsuka 新井:Arai 小山:Koyama 平野:Hirano 藤本:Fujimoto 河野:Kono 上野:Ueno 野口:Noguchi
  武田:Takeda 松井:Matsui 千葉:Chiba 岩崎:Iwasaki 菅原:Sugawara 木下:Kinoshita 久保:Kubo 佐野:Sano
  野村:Nomura 松尾:Matsuo 市川:Ichikawa 菊地:Kikuchi
`);

export const MALE_NAMES = pairs(`
  大輔:Daisuke 健太:Kenta 翔太:Shota 拓也:Takuya 直樹:Naoki 誠:Makoto 浩:Hiroshi 学:Manabu
  剛:Tsuyoshi 隆:Takashi 健一:Kenichi 和也:Kazuya 達也:Tatsuya 亮:Ryo 修:Osamu 聡:Satoshi
  茂:Shigeru 大樹:Daiki 悠斗:Yuto 蓮:Ren 陽翔:Haruto 翔:Sho 哲也:Tetsuya 雄一:Yuichi
  慎一:Shinichi 徹:Toru 稔:Minoru 勝:Masaru 明:Akira 正人:Masato
`);

export const FEMALE_NAMES = pairs(`
  陽子:Yoko 恵子:Keiko 裕子:Yuko 美穂:Miho 直美:Naomi 由美:Yumi 真由美:Mayumi 智子:Tomoko
  久美子:Kumiko 愛:Ai 彩:Aya 麻衣:Mai 美咲:Misaki さくら:Sakura 陽菜:Hina 結衣:Yui
  葵:Aoi 明美:Akemi 京子:Kyoko 千尋:Chihiro 沙織:Saori 香織:Kaori 奈々:Nana 遥:Haruka
  真理:Mari 理恵:Rie 純子:Junko 幸子:Sachiko 舞:Mai 紀子:Noriko
`);

export const CITIES = pairs(`
  東京:Tokyo 横浜:Yokohama 名古屋:Nagoya 大阪:Osaka 札幌:Sapporo 仙台:Sendai 広島:Hiroshima 福岡:Fukuoka
  京都:Kyoto 神戸:Kobe 浜松:Hamamatsu 静岡:Shizuoka 岡山:Okayama 熊本:Kumamoto 新潟:Niigata 金沢:Kanazawa
  富山:Toyama 長野:Nagano 宇都宮:Utsunomiya 水戸:Mito 高崎:Takasaki 豊田:Toyota 四日市:Yokkaichi 姫路:Himeji
  北九州:Kitakyushu 大分:Oita 鹿児島:Kagoshima 松山:Matsuyama 高松:Takamatsu 盛岡:Morioka
`);

/** Departments (部) and the stem used for their sections (課). */
export const DEPARTMENTS = pairs(`
  総務:General-Affairs 人事:Human-Resources 経理:Accounting 情報システム:Information-Systems 製造:Manufacturing
  品質保証:Quality-Assurance 生産技術:Production-Engineering 設計:Design 営業:Sales 調達:Procurement
  研究開発:R&D 物流:Logistics 法務:Legal 知的財産:Intellectual-Property 環境安全:Environment-and-Safety 施設管理:Facilities
`).map((d) => ({ ja: d.ja, en: d.en.replace(/-/g, ' ') }));

if (MALE_NAMES.length !== FEMALE_NAMES.length)
  throw new Error('bench/names.ts: male and female name lists must be the same length');
