"""The 2025 plan table of 浦政办发〔2025〕2号 exactly as product.md §2 normalises it: the tests' one oracle.

It is written out here, independently of portal/demo/data.py, so that the seeder is checked against
the specification rather than against itself. Row 7 has a full-width space.
"""

# 序号, month, 访谈内容, 第一责任单位 (★), 配合单位
ROWS_2025 = [
    (1, 4, "强化基金招商，赋能高质量发展", "国资办", ["商务局"]),
    (2, 5, "体育赛事赋能旅游消费", "文旅局", []),
    (3, 6, "校家社协同育人", "教育局", ["卫健委"]),
    (4, 7, "渐进式延迟退休政策解读", "社保中心", ["人社局"]),
    (5, 8, "执法改革，浦口先行——浦口区探索实践“111”综合执法新模式", "综合行政执法局", ["汤泉街道"]),
    (6, 9, "聚焦粮食安全，努力提升农田基础设施水平", "农业农村局", ["永宁街道"]),
    (7, 10, "加快建设现代化经济体系\u3000赋能园区高质量发展", "开发区", []),
    (8, 11, "城镇燃气“安心用气工程”", "城建局", ["桥林街道"]),
]
