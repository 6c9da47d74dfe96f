//go:build desktop && darwin && cgo

package app

/*
#cgo CFLAGS: -x objective-c
#cgo LDFLAGS: -framework Foundation
#import <Foundation/Foundation.h>
#include <stdlib.h>

// preferredLanguages is NSLocale's list, joined by commas, malloc'd.
static char *preferredLanguages(void) {
	@autoreleasepool {
		NSString *s = [[NSLocale preferredLanguages] componentsJoinedByString:@","];
		return strdup([s UTF8String]);
	}
}
*/
import "C"

import (
	"strings"
	"unsafe"
)

// osLanguages is the user's languages in order of preference (System
// Settings → General → Language & Region), e.g. ["ko-KR", "en-US"].
func osLanguages() []string {
	p := C.preferredLanguages()
	defer C.free(unsafe.Pointer(p))
	if s := C.GoString(p); s != "" {
		return strings.Split(s, ",")
	}
	return nil
}
