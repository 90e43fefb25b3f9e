"""Records an agency files about how it exercises its powers (执法依据, 案卷评查, 过错追究, 利益冲突, 廉洁性评估)."""
