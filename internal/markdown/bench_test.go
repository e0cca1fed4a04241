package markdown

import "testing"

// benchPage is a realistic page of the site: headings, lists, a GFM table,
// five links, emphasis and a footnote, about 2.5 KB.
const benchPage = `Bộ Tài nguyên và Môi trường công bố **kết quả thực hiện** cải cách hành chính năm 2024. Trong năm, Bộ đã rà soát, đơn giản hoá nhiều thủ tục hành chính, đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình và ứng dụng công nghệ thông tin trong chỉ đạo, điều hành.

## Kết quả đạt được

Các đơn vị trực thuộc đã hoàn thành đúng hạn *hầu hết* nhiệm vụ được giao tại [Kế hoạch cải cách hành chính](ke-hoach-2024.md) của Bộ. Một số kết quả nổi bật:

- Cắt giảm, đơn giản hoá 45 thủ tục hành chính trong lĩnh vực đất đai, môi trường và tài nguyên nước.
- 100% hồ sơ công việc tại Bộ được xử lý trên môi trường mạng, trừ hồ sơ mật.
- Tỷ lệ hài lòng của người dân và doanh nghiệp đạt 92,5%[^1].
- Triển khai [Cổng dịch vụ công](https://dichvucong.monre.gov.vn) kết nối với Cổng Dịch vụ công quốc gia.

### Số liệu theo lĩnh vực

| Lĩnh vực | Thủ tục | Trực tuyến toàn trình | Tỷ lệ |
|----------|--------:|----------------------:|------:|
| Đất đai | 32 | 28 | 87,5% |
| Môi trường | 41 | 39 | 95,1% |
| Tài nguyên nước | 18 | 18 | 100% |
| Khoáng sản | 15 | 12 | 80,0% |
| Khí tượng thuỷ văn | 6 | 6 | 100% |

Chi tiết xem tại [Báo cáo tổng kết](bao-cao-tong-ket.md) và phụ lục kèm theo.

## Tồn tại, hạn chế

1. Việc số hoá hồ sơ, kết quả giải quyết thủ tục hành chính còn chậm ở một số địa phương.
2. Chất lượng dữ liệu đất đai chưa đồng bộ, chưa được cập nhật thường xuyên.
3. Một số cán bộ, công chức chưa thành thạo kỹ năng sử dụng hệ thống thông tin.

## Nhiệm vụ năm 2025

Năm 2025, Bộ tập trung thực hiện các nhiệm vụ trọng tâm sau:

- Hoàn thiện thể chế, chính sách theo [Luật Đất đai năm 2024](/van-ban/luat-dat-dai-2024/).
- Tiếp tục cắt giảm thủ tục hành chính, giấy tờ công dân.
- Xây dựng cơ sở dữ liệu quốc gia về tài nguyên và môi trường.

Mọi ý kiến góp ý xin gửi về Văn phòng Bộ qua [trang liên hệ](lien-he.md) hoặc thư điện tử.

[^1]: Theo kết quả khảo sát do Văn phòng Bộ thực hiện tháng 11 năm 2024.
`

func BenchmarkConvert(b *testing.B) {
	c := New(Options{})
	src := []byte(benchPage)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Convert(src, 5, testResolver); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConvertParallel(b *testing.B) {
	c := New(Options{})
	src := []byte(benchPage)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Convert(src, 5, testResolver); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
