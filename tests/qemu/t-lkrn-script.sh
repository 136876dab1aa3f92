#!/bin/bash
# Scripts on the BIOS console (the .lkrn under QEMU -kernel): the
# machine's SMBIOS values as settings, and a menu: menu, item and choose
# draw through INT 10h; with no key the timeout picks the default, a
# cursor key and Enter pick another, and Esc cancels so the "||" path
# runs.
. "$(dirname "$0")/lib.sh"
qt_init lkrn-script "${1:-bin/cxboot.lkrn}"

uuid=00112233-4455-6677-8899-aabbccddeeff
qt_boot script -nographic -kernel "$IMAGE" \
	-smbios type=1,manufacturer=CxMaker,product=CxBox,serial=CxSN42,uuid=$uuid \
	-smbios type=3,asset=CxTag7
expect_output "banner and prompt" "cxboot>" 60

qt_send 'echo id=${manufacturer}/${product}/${serial}/${asset}/${smbios/uuid}/${platform}/${buildarch}'
expect_output "SMBIOS and platform settings" \
	"id=CxMaker/CxBox/CxSN42/CxTag7/$uuid/pcbios/i386" 30
qt_wait "cxboot>" || true

make_menu() {
	qt_send 'menu Pick a system'
	qt_wait "cxboot>" || true
	qt_send 'item alpha Alpha system'
	qt_wait "cxboot>" || true
	qt_send 'item --gap Tools:'
	qt_wait "cxboot>" || true
	qt_send 'item --default bravo Bravo system'
	qt_wait "cxboot>" || true
	qt_send 'item charlie Charlie system'
	qt_wait "cxboot>" || true
}

make_menu
qt_send 'choose --timeout 1500 t && echo chose=${t}=done'
expect_output "the menu is drawn" "Charlie system" 30
expect_output "the timeout picks the default" "chose=bravo=done" 30
qt_wait "cxboot>" || true

make_menu
qt_send 'choose t && echo picked=${t}=done'
expect_output "the menu is drawn again" "Charlie system" 30
qt_type '\033[B\r'
expect_output "down arrow and Enter pick the next item" \
	"picked=charlie=done" 30
qt_wait "cxboot>" || true

make_menu
qt_send 'choose t || echo menu=cancelled'
expect_output "the menu is drawn a third time" "Charlie system" 30
qt_type '\033'
expect_output "Esc cancels" "menu=cancelled" 30
qt_wait "cxboot>" || true

qt_finish
