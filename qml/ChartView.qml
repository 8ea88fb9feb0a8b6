// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Coroscope

// The current run's chart: fills the view (scrolls when the lanes need more height), with the
// hover tooltip and the selected range's statistics.
Item {
    id: root
    property RunHandle run
    property string theme: "light"
    readonly property real chartWidth: gantt.width
    readonly property real chartHeight: gantt.height
    property alias gantt: gantt

    Rectangle { // the chart's own background below it too: one canvas
        anchors.fill: parent
        color: root.theme === "dark" ? "#161b22" : "#ffffff"
    }

    Flickable {
        id: scroll
        anchors.fill: parent
        contentWidth: width
        contentHeight: gantt.height
        clip: true
        interactive: false // the chart pans and zooms itself; the wheel over it zooms
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { policy: gantt.height > scroll.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
        GanttItem {
            id: gantt
            objectName: "gantt"
            width: scroll.width
            height: preferredHeight // its natural height: the axis right below the rows, as in the exports
            run: root.run
            theme: root.theme
        }
    }

    ToolTip {
        parent: gantt
        visible: gantt.hoverText !== ""
        text: gantt.hoverText
        x: Math.min(gantt.hoverPos.x + 14, gantt.width - width - 4)
        y: gantt.hoverPos.y + 18
        delay: 0
        timeout: -1
    }

    RowLayout {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 10
        spacing: 6
        Label {
            visible: gantt.selectionText !== ""
            text: gantt.selectionText
            padding: 6
            background: Rectangle { color: palette.toolTipBase; border.color: palette.mid; radius: 4 }
        }
        Button {
            visible: gantt.zoomed || gantt.selectionText !== ""
            text: "Fit"
            onClicked: { gantt.resetView(); gantt.clearSelection() }
            ToolTip.visible: hovered
            ToolTip.text: "Show the whole run again (or double-click the chart)"
        }
    }
}
