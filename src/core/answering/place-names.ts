/**
 * Place names a question may ask about instead of the report's own place: Chongqing's
 * districts and counties, provinces and large cities. A question that names one the
 * cited text never mentions is about somewhere else, and is abstained on rather than
 * answered with Jiangjin's figures.
 */
export const PLACE_NAMES: readonly string[] = [
  // Chongqing municipality
  "重庆", "渝中", "江北", "南岸", "九龙坡", "沙坪坝", "大渡口", "北碚", "渝北", "巴南", "万州", "涪陵", "黔江",
  "长寿区", "江津", "合川", "永川", "南川", "綦江", "大足", "璧山", "铜梁", "潼南", "荣昌", "开州", "梁平", "武隆",
  "城口", "丰都", "垫江", "忠县", "云阳", "奉节", "巫山", "巫溪", "石柱", "秀山", "酉阳", "彭水",
  // provinces and regions
  "北京", "上海", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
  "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃",
  "青海", "宁夏", "新疆", "台湾", "香港", "澳门",
  // large cities, and neighbours of Jiangjin
  "成都", "广州", "深圳", "杭州", "南京", "武汉", "西安", "长沙", "贵阳", "昆明", "郑州", "济南", "青岛", "苏州",
  "厦门", "福州", "合肥", "南昌", "南宁", "海口", "兰州", "银川", "西宁", "拉萨", "乌鲁木齐", "呼和浩特", "太原",
  "石家庄", "沈阳", "长春", "哈尔滨", "大连", "宁波", "无锡", "泸州", "遵义", "宜宾", "内江", "自贡", "赤水", "习水",
  // countries
  "美国", "日本", "韩国", "英国", "法国", "德国", "俄罗斯", "印度", "新加坡",
];

/** Places named in `normalizedText`, longest names first so 长寿区 is not also read as 长寿. */
export function findPlaces(normalizedText: string): string[] {
  return PLACE_NAMES.filter((place) => normalizedText.includes(place));
}
