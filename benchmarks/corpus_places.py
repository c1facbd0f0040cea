"""Place tables for `corpus_gen`: real provinces and prefecture-level cities of China outside 川渝.

Where the words come from: the administrative divisions are the provinces and prefecture-level
cities (地级市) listed by the Ministry of Civil Affairs (民政部 行政区划), Sichuan and Chongqing left
out (they are the source plans' own places); a few autonomous prefectures, leagues and the 三沙
case are left out too, so that every city name is a plain "X市". Neighbours are land borders
(adjacency of provinces), without Sichuan and Chongqing. Abbreviations (简称) are the official
ones. The cultural words (region names such as 荆楚/齐鲁, one local opera and one craft per
province, one landmark) are the ones that provincial tourism and intangible-heritage lists use
most; they only replace the source plans' 巴蜀/巴渝/川剧/蜀锦/华蓥山 words. Railway bureaus are
those of China Railway (国铁集团) covering each province. The generated "district" names
(`county_names`) are not real places: two common place-name syllables, so that a generated plan
never names a district of Chongqing or Sichuan.

    PROVINCES        name -> Province (abbr, capital, region, culture, opera, craft, landmark,
                     railway, cities)
    NEIGHBOURS       name -> neighbouring provinces (land borders)
    CITY_ABBR        city -> one-character abbreviation where it is not the first character
    PAIRS            joint plans of two provinces (苏皖 …) and city clusters (长株潭 …)
    county_names(rng, n)  n distinct made-up county/district names
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    name: str          # full name: 江苏省, 北京市, 广西壮族自治区
    short: str         # 江苏, 北京, 广西
    abbr: str          # 苏, 京, 桂
    capital: str       # 南京
    region: str        # 东部 / 中部 / 西部 / 东北 (replaces the 西部 of 西部科学城 …)
    culture: str       # 吴韵, 荆楚 … (replaces 巴蜀/巴渝)
    opera: str
    craft: str
    landmark: str      # replaces 华蓥山
    railway: str       # 上海局 … (中国铁路成都局集团公司 -> 中国铁路上海局集团公司)
    cities: tuple      # prefecture-level cities, capital first

    @property
    def municipality(self) -> bool:
        return self.name.endswith("市")


def _p(name, short, abbr, capital, region, culture, opera, craft, landmark, railway, cities):
    return Province(name, short, abbr, capital, region, culture, opera, craft, landmark, railway,
                    tuple(cities.split()))


_TABLE = [
    _p("北京市", "北京", "京", "北京", "东部", "京华", "京剧", "景泰蓝", "八达岭", "北京局", ""),
    _p("天津市", "天津", "津", "天津", "东部", "津沽", "评剧", "泥人张彩塑", "盘山", "北京局", ""),
    _p("上海市", "上海", "沪", "上海", "东部", "海派", "沪剧", "顾绣", "佘山", "上海局", ""),
    _p("河北省", "河北", "冀", "石家庄", "东部", "燕赵", "河北梆子", "蔚县剪纸", "白石山", "北京局",
       "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水"),
    _p("山西省", "山西", "晋", "太原", "中部", "三晋", "晋剧", "平遥推光漆器", "五台山", "太原局",
       "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁"),
    _p("内蒙古自治区", "内蒙古", "蒙", "呼和浩特", "西部", "北疆", "二人台", "蒙古族刺绣", "响沙湾",
       "呼和浩特局", "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布"),
    _p("辽宁省", "辽宁", "辽", "沈阳", "东北", "辽沈", "二人转", "岫岩玉雕", "千山", "沈阳局",
       "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛"),
    _p("吉林省", "吉林", "吉", "长春", "东北", "白山", "吉剧", "满族剪纸", "长白山", "沈阳局",
       "长春 四平 辽源 通化 白山 松原 白城"),
    _p("黑龙江省", "黑龙江", "黑", "哈尔滨", "东北", "龙江", "龙江剧", "鱼皮制作", "五大连池", "哈尔滨局",
       "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化"),
    _p("江苏省", "江苏", "苏", "南京", "东部", "吴韵", "昆曲", "云锦", "紫金山", "上海局",
       "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁"),
    _p("浙江省", "浙江", "浙", "杭州", "东部", "之江", "越剧", "龙泉青瓷", "雁荡山", "上海局",
       "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水"),
    _p("安徽省", "安徽", "皖", "合肥", "中部", "江淮", "黄梅戏", "宣纸", "九华山", "上海局",
       "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城"),
    _p("福建省", "福建", "闽", "福州", "东部", "八闽", "闽剧", "德化白瓷", "武夷山", "南昌局",
       "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德"),
    _p("江西省", "江西", "赣", "南昌", "中部", "赣鄱", "赣剧", "景德镇瓷", "庐山", "南昌局",
       "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶"),
    _p("山东省", "山东", "鲁", "济南", "东部", "齐鲁", "吕剧", "潍坊风筝", "泰山", "济南局",
       "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽"),
    _p("河南省", "河南", "豫", "郑州", "中部", "中原", "豫剧", "钧瓷", "嵩山", "郑州局",
       "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店"),
    _p("湖北省", "湖北", "鄂", "武汉", "中部", "荆楚", "汉剧", "楚绣", "武当山", "武汉局",
       "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州"),
    _p("湖南省", "湖南", "湘", "长沙", "中部", "湖湘", "花鼓戏", "湘绣", "衡山", "广州局",
       "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底"),
    _p("广东省", "广东", "粤", "广州", "东部", "岭南", "粤剧", "广绣", "丹霞山", "广州局",
       "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮"),
    _p("广西壮族自治区", "广西", "桂", "南宁", "西部", "八桂", "桂剧", "壮锦", "漓江", "南宁局",
       "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左"),
    _p("海南省", "海南", "琼", "海口", "东部", "琼州", "琼剧", "黎锦", "五指山", "广州局",
       "海口 三亚 儋州"),
    _p("贵州省", "贵州", "黔", "贵阳", "西部", "黔山", "黔剧", "苗绣", "梵净山", "成都局",
       "贵阳 六盘水 遵义 安顺 毕节 铜仁"),
    _p("云南省", "云南", "云", "昆明", "西部", "滇云", "滇剧", "白族扎染", "石林", "昆明局",
       "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧"),
    _p("西藏自治区", "西藏", "藏", "拉萨", "西部", "雪域", "藏戏", "唐卡", "纳木错", "青藏",
       "拉萨 日喀则 昌都 林芝 山南 那曲"),
    _p("陕西省", "陕西", "陕", "西安", "西部", "三秦", "秦腔", "凤翔泥塑", "华山", "西安局",
       "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛"),
    _p("甘肃省", "甘肃", "甘", "兰州", "西部", "陇原", "陇剧", "庆阳香包", "崆峒山", "兰州局",
       "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南"),
    _p("青海省", "青海", "青", "西宁", "西部", "河湟", "平弦", "热贡艺术", "青海湖", "青藏",
       "西宁 海东"),
    _p("宁夏回族自治区", "宁夏", "宁", "银川", "西部", "塞上", "花儿", "贺兰砚", "沙湖", "兰州局",
       "银川 石嘴山 吴忠 固原 中卫"),
    _p("新疆维吾尔自治区", "新疆", "新", "乌鲁木齐", "西部", "天山", "木卡姆", "艾德莱斯绸", "天池",
       "乌鲁木齐局", "乌鲁木齐 克拉玛依 吐鲁番 哈密"),
]
PROVINCES = {p.short: p for p in _TABLE}

NEIGHBOURS = {
    "北京": "天津 河北", "天津": "北京 河北", "上海": "江苏 浙江",
    "河北": "北京 天津 山西 山东 河南 辽宁 内蒙古", "山西": "河北 河南 陕西 内蒙古",
    "内蒙古": "黑龙江 吉林 辽宁 河北 山西 陕西 宁夏 甘肃", "辽宁": "吉林 河北 内蒙古",
    "吉林": "辽宁 黑龙江 内蒙古", "黑龙江": "吉林 内蒙古", "江苏": "安徽 浙江 山东 上海",
    "浙江": "江苏 安徽 上海 福建 江西", "安徽": "江苏 浙江 江西 湖北 河南 山东",
    "福建": "浙江 江西 广东", "江西": "浙江 安徽 福建 广东 湖南 湖北", "山东": "河北 河南 安徽 江苏",
    "河南": "河北 山西 陕西 湖北 安徽 山东", "湖北": "河南 安徽 江西 湖南 陕西",
    "湖南": "湖北 江西 广东 广西 贵州", "广东": "福建 江西 湖南 广西 海南", "广西": "广东 湖南 贵州 云南",
    "海南": "广东", "贵州": "湖南 广西 云南", "云南": "贵州 广西 西藏", "西藏": "云南 青海 新疆",
    "陕西": "山西 河南 湖北 甘肃 宁夏 内蒙古", "甘肃": "陕西 宁夏 青海 新疆 内蒙古",
    "青海": "甘肃 新疆 西藏", "宁夏": "甘肃 陕西 内蒙古", "新疆": "甘肃 青海 西藏",
}
NEIGHBOURS = {k: tuple(v.split()) for k, v in NEIGHBOURS.items()}

# Official one-character abbreviations of cities whose abbreviation is not their first character.
CITY_ABBR = {"南京": "宁", "广州": "穗", "福州": "榕", "南宁": "邕", "贵阳": "筑", "厦门": "鹭",
             "呼和浩特": "呼", "乌鲁木齐": "乌", "哈尔滨": "哈", "石家庄": "石"}

# Joint plans: (name, home, partner, kind). kind "provinces": home/partner are provinces (short
# names); "cluster": home/partner are cities, the name is the cluster's usual short name.
PAIRS = [
    ("苏皖", "江苏", "安徽", "provinces"), ("沪苏", "上海", "江苏", "provinces"),
    ("苏浙", "江苏", "浙江", "provinces"), ("浙皖", "浙江", "安徽", "provinces"),
    ("湘赣", "湖南", "江西", "provinces"), ("闽粤", "福建", "广东", "provinces"),
    ("粤桂", "广东", "广西", "provinces"), ("鄂湘", "湖北", "湖南", "provinces"),
    ("鲁豫", "山东", "河南", "provinces"), ("陕甘", "陕西", "甘肃", "provinces"),
    ("京津", "北京", "天津", "provinces"), ("京冀", "北京", "河北", "provinces"),
    ("黑吉", "黑龙江", "吉林", "provinces"), ("黔桂", "贵州", "广西", "provinces"),
    ("长株潭", "长沙", "株洲", "cluster"), ("广佛", "广州", "佛山", "cluster"),
    ("厦漳泉", "厦门", "漳州", "cluster"), ("深莞惠", "深圳", "东莞", "cluster"),
    ("郑开", "郑州", "开封", "cluster"), ("西咸", "西安", "咸阳", "cluster"),
    ("沈抚", "沈阳", "抚顺", "cluster"), ("宁镇扬", "南京", "镇江", "cluster"),
    ("杭嘉湖", "杭州", "嘉兴", "cluster"), ("武鄂黄黄", "武汉", "鄂州", "cluster"),
]

_FIRST = "青安永长平宁兴丰新金清临武高太宝德东西南北利广嘉"
_SECOND = "阳安平丰宁江河城源泉溪林乐康和昌山桥州水田"


def city_abbr(city: str) -> str:
    return CITY_ABBR.get(city, city[0])


def province_of(city: str) -> Province:
    for p in _TABLE:
        if city in p.cities:
            return p
    raise KeyError(city)


def county_names(rng, n: int, avoid=()) -> list:
    """n distinct made-up county/district names (two syllables, e.g. 永宁, 丰源)."""
    out, seen = [], set(avoid)
    while len(out) < n:
        name = rng.choice(_FIRST) + rng.choice(_SECOND)
        if name not in seen and name[0] != name[1]:
            seen.add(name)
            out.append(name)
    return out
