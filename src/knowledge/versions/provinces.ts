/** China's provincial-level divisions (GB/T 2260) with the short names documents and people use. */
export const PROVINCES: Array<{ name: string; short: string }> = [
  ['北京市', '北京'], ['天津市', '天津'], ['河北省', '河北'], ['山西省', '山西'], ['内蒙古自治区', '内蒙古'],
  ['辽宁省', '辽宁'], ['吉林省', '吉林'], ['黑龙江省', '黑龙江'], ['上海市', '上海'], ['江苏省', '江苏'],
  ['浙江省', '浙江'], ['安徽省', '安徽'], ['福建省', '福建'], ['江西省', '江西'], ['山东省', '山东'],
  ['河南省', '河南'], ['湖北省', '湖北'], ['湖南省', '湖南'], ['广东省', '广东'], ['广西壮族自治区', '广西'],
  ['海南省', '海南'], ['重庆市', '重庆'], ['四川省', '四川'], ['贵州省', '贵州'], ['云南省', '云南'],
  ['西藏自治区', '西藏'], ['陕西省', '陕西'], ['甘肃省', '甘肃'], ['青海省', '青海'], ['宁夏回族自治区', '宁夏'],
  ['新疆维吾尔自治区', '新疆'], ['台湾省', '台湾'], ['香港特别行政区', '香港'], ['澳门特别行政区', '澳门'],
].map(([name, short]) => ({ name, short }));

/** The full province name a text starts with or names (`黑龙江省…`, `辽宁2024年…`), by its position. */
export function provincesIn(text: string): Array<{ name: string; at: number }> {
  const found: Array<{ name: string; at: number }> = [];
  for (const { name, short } of PROVINCES) {
    let at = text.indexOf(short);
    while (at >= 0) {
      // 吉林市 is a city of 吉林省; 吉林 alone or 吉林省 is the province
      if (!(short === '吉林' && text[at + 2] === '市')) found.push({ name, at });
      at = text.indexOf(short, at + short.length);
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

export function provinceByName(text: string): string | undefined {
  return PROVINCES.find(({ name, short }) => text === name || text === short)?.name;
}
